"""The first story's recovery plan, and every demo user's next actions.

Rudi started the plan for Pak Suryo a few days after the official stopped meeting him; the
data of the story (Dewi sent as envoy, the Denpasar site visit, the breakfast where she learned
about wayang, the renegotiated promise, the two gifts, the follow-up call) ticks its steps.
Then the next actions of every user are generated from the demo data. Idempotent.
"""

from __future__ import annotations

import datetime

from karib.demo.context import DemoContext
from karib.people.models import Person

from .models import RecoveryPlan
from .recovery import recovery_plan_start, recovery_plan_sync
from .services import next_actions_refresh

PLAN_STARTED = datetime.date(2024, 9, 5)


def load(context: DemoContext) -> None:
    official = context.objects.get("official")
    if isinstance(official, Person):
        plan = RecoveryPlan.objects.filter(person=official).order_by("pk").first()
        if plan is None:
            plan = recovery_plan_start(person=official, by=official.owner, today=PLAN_STARTED)
        recovery_plan_sync(plan=plan)
        done = plan.steps.filter(done_on__isnull=False).count()
        context.stdout.write(
            f"steer: recovery plan for {official.full_name}: {done} of {plan.steps.count()} "
            "steps done\n"
        )
    report = next_actions_refresh()
    context.stdout.write(
        f"steer: next actions {report.created} created, {report.resolved} settled\n"
    )
