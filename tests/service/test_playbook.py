"""The cancellation playbook: who reads and edits it, the breach it flags, the re-check."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from karib.core.errors import DomainError
from karib.core.roles import Role
from karib.service import services
from karib.service.models import Analysis, CancellationPlaybook, Finding
from tests.factories import UserFactory

from .factories import (
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    manager_user,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


def test_playbook_flag(known_set):
    team, _agus, _lina, pushy = known_set

    # the pushy call breaks the default playbook (1 offer after refusal, closure required)
    assert pushy.analysis.breaks_playbook
    breach = Finding.objects.get(conversation=pushy, code="playbook_breach")
    assert breach.params == {
        "breaches": [
            {"code": "offers_after_refusal", "pushes": 2, "allowed": 1},
            {"code": "closure_missing"},
        ]
    }
    # worded in the reader's language when shown
    with translation.override("id"):
        assert breach.explanation == (
            "2 tawaran retensi setelah penolakan yang jelas; panduan mengizinkan 1. "
            "Penutup santun yang diwajibkan tidak ada."
        )
    with translation.override("en"):
        assert breach.explanation == (
            "2 retention offers after a clear refusal; the playbook allows 1. "
            "The required courteous closure is missing."
        )
    others = Analysis.objects.exclude(conversation=pushy).filter(breaks_playbook=True)
    assert others.count() == 1  # only the old pushy one, not the polite ones

    # when the manager allows two offers and no closure, the flag goes away
    hendra = manager_user(team)
    services.playbook_update(
        team=team,
        max_offers_after_refusal=2,
        requires_courteous_closure=False,
        required_closure="",
        guidance="",
        by=hendra,
    )
    pushy.refresh_from_db()
    assert not Analysis.objects.get(conversation=pushy).breaks_playbook
    assert not Finding.objects.filter(conversation=pushy, code="playbook_breach").exists()


def test_agent_reads_but_cannot_edit_the_playbook(known_set, client_for):
    team, agus, _lina, _pushy = known_set
    client = client_for(agus)
    page = client.get(reverse("service:playbook"))
    assert page.status_code == 200
    assert page.context["form"] is None
    denied = client.post(reverse("service:playbook"), {"max_offers_after_refusal": "5"})
    assert denied.status_code == 403
    with pytest.raises(DomainError) as refused:
        services.playbook_update(
            team=team,
            max_offers_after_refusal=5,
            requires_courteous_closure=False,
            required_closure="",
            guidance="",
            by=agus,
        )
    assert refused.value.code == "forbidden"


def test_a_qa_reviewer_reads_the_playbook_but_cannot_change_it(team, lina, client_for):
    client = client_for(lina)
    page = client.get(reverse("service:playbook"))
    denied = client.post(
        reverse("service:playbook"),
        {"max_offers_after_refusal": 10, "requires_courteous_closure": ""},
    )
    assert page.status_code == 200
    assert page.context["form"] is None
    assert denied.status_code == 403
    assert not CancellationPlaybook.objects.exists()
    with pytest.raises(DomainError) as refused:
        services.playbook_update(
            team=team,
            max_offers_after_refusal=10,
            requires_courteous_closure=False,
            required_closure="",
            guidance="",
            by=lina,
        )
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize(
    ("who", "get_status", "post_status", "saved"),
    [
        ("agent", 200, 403, False),
        ("reviewer", 200, 403, False),
        ("manager", 200, 302, True),
        ("admin", 200, 302, True),
        ("other_manager", 404, 404, False),
    ],
)
def test_playbook_permission_matrix(team, client_for, who, get_status, post_status, saved):
    users = {
        "agent": agent_user(team),
        "reviewer": reviewer_user(team),
        "manager": manager_user(team),
        "admin": UserFactory(username="root", role=Role.ADMIN),
        "other_manager": manager_user(service_team("Loans"), username="budi"),
    }
    client = client_for(users[who])
    url = f"{reverse('service:playbook')}?team={team.pk}"
    got = client.get(url)
    posted = client.post(
        url,
        {"team": team.pk, "max_offers_after_refusal": 3, "requires_courteous_closure": "on"},
    )
    assert (got.status_code, posted.status_code) == (get_status, post_status)
    stored = CancellationPlaybook.objects.filter(team=team, max_offers_after_refusal=3).exists()
    assert stored is saved


def test_an_admin_without_a_team_picks_one_instead_of_404(team, client_for):
    admin = UserFactory(username="root", role=Role.ADMIN)
    client = client_for(admin)
    page = client.get(reverse("service:playbook"))
    assert page.status_code == 200
    assert page.context["playbook"] is None
    assert 'id="team-picker"' in page.content.decode()
    chosen = client.get(reverse("service:playbook"), {"team": team.pk})
    assert chosen.context["playbook"].team == team
    assert chosen.context["form"] is not None


def test_the_playbook_recheck_does_not_grow_with_the_conversations(team, client_for):
    hendra, agus = manager_user(team), agent_user(team)
    client = client_for(hendra)
    strict = {"max_offers_after_refusal": 0, "requires_courteous_closure": "on"}
    lenient = {"max_offers_after_refusal": 3, "requires_courteous_closure": ""}

    def save(data) -> int:
        with CaptureQueriesContext(connection) as queries:
            client.post(reverse("service:playbook"), data)
        return len(queries)

    # given one conversation and a lenient playbook
    conversation_from_text(PUSHY_ID, team=team, agent=agus)
    save(lenient)
    # when the playbook gets strict (the conversation is flagged)
    few = save(strict)
    assert Analysis.objects.filter(breaks_playbook=True).count() == 1

    # and the same with eleven conversations
    for _ in range(10):
        conversation_from_text(PUSHY_ID, team=team, agent=agus)
    save(lenient)
    assert not Analysis.objects.filter(breaks_playbook=True).exists()
    many = save(strict)

    # then all are flagged with the same number of queries
    assert Analysis.objects.filter(breaks_playbook=True).count() == 11
    assert many == few
