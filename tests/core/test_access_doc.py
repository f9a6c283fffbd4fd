"""docs/security.md's access tables are generated, so they cannot drift from the rules:

- "Declared rules": every rule of every app's `access.py` (`karib.core.access.declared_rules`),
  asked for a user in every relation on the records of tests/core/access_world.py;
- "Endpoints": every rule of the permission matrix (tests/core/test_access_matrix.py).

The test fails when the document differs; `KARIB_UPDATE_DOCS=1 pytest
tests/core/test_access_doc.py` rewrites the tables in place (then review and commit). A rule
declared on a model this file does not know how to find an example of fails too: add it to
`EXAMPLES`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.utils import translation

from karib.core import access
from karib.health.models import PersonCadence
from karib.people.models import EnvoyAssignment
from karib.service.models import CancellationPlaybook, ImportBatch, ServiceSettings
from tests.support.seeds import RELATIONS

from .access_world import MatrixWorld, seed_matrix_world
from .test_access_matrix import all_operations, all_pages, api_operations

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
START, END = "<!-- generated:{}:start -->", "<!-- generated:{}:end -->"

COLUMNS = {
    "owner": "owner",
    "envoy": "envoy",
    "through_one": "through one",
    "same_team": "same team",
    "other_team": "other team",
    "manager": "manager",
    "other_manager": "other manager",
    "admin": "admin",
    "compliance": "compliance",
    "qa": "QA",
    "agent": "agent",
}

# The record each model's rules are asked about (the world's, or one made for the question).
EXAMPLES: dict[str, Callable[[MatrixWorld], Any]] = {
    "people.organization": lambda w: w.get("organization"),
    "people.person": lambda w: w.get("person"),
    "people.personalfact": lambda w: w.get("fact"),
    "people.importantdate": lambda w: w.get("important_date"),
    "people.interaction": lambda w: w.get("interaction"),
    "people.envoyassignment": lambda w: EnvoyAssignment.objects.filter(person=w.person).first(),
    "promises.promise": lambda w: w.get("promise"),
    "promises.project": lambda w: w.get("project"),
    "gifts.gift": lambda w: w.get("gift_proposed"),
    "service.conversation": lambda w: w.get("conversation"),
    "service.dispute": lambda w: w.get("dispute"),
    "service.cancellationplaybook": lambda w: CancellationPlaybook(team=w.get("team")),
    "service.servicesettings": lambda w: ServiceSettings(team=w.get("team")),
    "service.importbatch": lambda w: ImportBatch(team=w.get("team")),
    "core.team": lambda w: w.get("team"),
    "steer.nextaction": lambda w: w.get("next_action"),
    "steer.recoveryplan": lambda w: w.get("plan"),
    "steer.recoverystep": lambda w: w.get("step"),
    "health.personcadence": lambda w: PersonCadence(person=w.get("person")),
}
# Creating is asked of the model, except where the rule needs the target (a fact or a date
# for Suryo, an envoy for Suryo, an import into the team).
CREATE_ON_INSTANCE = {
    "people.personalfact",
    "people.importantdate",
    "people.envoyassignment",
    "service.importbatch",
}
# Rows asked twice: a sensitive fact is seen by fewer.
EXTRA_ROWS: dict[str, tuple[str, Callable[[MatrixWorld], Any]]] = {
    "people.view_personalfact": ("(sensitive)", lambda w: w.get("sensitive_fact")),
}


def _split(permission: str) -> tuple[str, str]:
    """`people.change_person` → (`people.person`, `change`)."""
    app, rest = permission.split(".", 1)
    action, model = rest.rsplit("_", 1)
    return f"{app}.{model}", action


def _mark(allowed: bool) -> str:
    return "✓" if allowed else "—"


def _rules_table(world: MatrixWorld) -> tuple[str, list[str]]:
    unknown = []
    lines = []
    header = "| app | object | action | " + " | ".join(COLUMNS.values()) + " |"
    lines += [header, "|" + "---|" * (3 + len(COLUMNS))]
    for permission in sorted(access.declared_rules(), key=lambda p: (_split(p)[0], p)):
        label, action = _split(permission)
        if label not in EXAMPLES:
            unknown.append(permission)
            continue
        model = apps.get_model(label)
        rows = [("", EXAMPLES[label])]
        if permission in EXTRA_ROWS:
            rows.append(EXTRA_ROWS[permission])
        for suffix, example in rows:
            target = example(world)
            if action == "add" and label not in CREATE_ON_INSTANCE:
                target = model
            marks = [
                _mark(access.can(world.user(relation), action, target))  # type: ignore[arg-type]
                for relation in COLUMNS
            ]
            with translation.override("en"):
                name = f"{model._meta.verbose_name} {suffix}".strip()
            lines.append(
                f"| {label.split('.')[0]} | {name} | {action} | " + " | ".join(marks) + " |"
            )
    return "\n".join(lines), unknown


def _endpoints_table() -> str:
    relations = ["anonymous", *COLUMNS]
    lines = [
        "| endpoint | method | " + " | ".join(["anonymous", *COLUMNS.values()]) + " |",
        "|" + "---|" * (2 + len(relations)),
    ]
    operations = api_operations()
    entries = [(f"`{name}`", rules) for name, rules in sorted(all_pages().items())]
    entries += [
        (f"`{operations[key][1]}`", rules)
        for key, rules in sorted(all_operations().items(), key=lambda i: operations[i[0]][1])
    ]
    for name, rules in entries:
        for rule in rules:
            method = f"{rule.method} {rule.variant}".strip()
            marks = [_mark(relation in rule.allowed) for relation in relations]
            lines.append(f"| {name} | {method} | " + " | ".join(marks) + " |")
    return "\n".join(lines)


def _replace(text: str, name: str, table: str) -> str:
    start, end = START.format(name), END.format(name)
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    assert pattern.search(text), f"docs/security.md lacks the {start} … {end} markers"
    return pattern.sub(lambda _m: f"{start}\n{table}\n{end}", text)


@pytest.mark.django_db
def test_the_security_document_states_the_declared_rules():
    # given the rules asked of every relation, and the matrix's endpoints
    world = seed_matrix_world()
    rules_table, unknown = _rules_table(world)
    assert not unknown, f"rules on models without an example in EXAMPLES: {unknown}"
    assert set(RELATIONS) == {"anonymous", *COLUMNS}
    current = DOC.read_text(encoding="utf-8")
    # when the tables are generated into the document
    wanted = _replace(current, "rules", rules_table)
    wanted = _replace(wanted, "endpoints", _endpoints_table())
    if os.environ.get("KARIB_UPDATE_DOCS") == "1":
        DOC.write_text(wanted, encoding="utf-8")
    # then it is what is there
    assert current == wanted, (
        "docs/security.md's access tables differ from the rules: run "
        "KARIB_UPDATE_DOCS=1 pytest tests/core/test_access_doc.py, review and commit"
    )
