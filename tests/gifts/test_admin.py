"""The admin of the policy rules: the legal rules cannot be switched off or deleted.

Regression test for the review: the policy failed open (an admin could untick or delete
`cash_to_official` / `official_approval` and cash would flow to officials).
"""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from karib.core.roles import Role
from karib.gifts import policy
from karib.gifts.models import Gift, PolicyRule
from tests.factories import UserFactory

from .support import propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for):
    return client_for(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))


def change_data(rule: PolicyRule, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": rule.code,
        "threshold_idr": rule.threshold_idr or "",
        "working_days": rule.working_days or "",
        "legal_source": rule.legal_source,
        "effective_from": rule.effective_from.isoformat(),
        "notes": rule.notes,
    }
    if rule.is_active:
        data["is_active"] = "on"
    data.update(overrides)
    return data


@pytest.mark.parametrize("code", ["cash_to_official", "official_approval"])
def test_the_admin_cannot_switch_off_a_legal_rule_only_edit_its_notes(code, admin_client):
    rule = PolicyRule.objects.get(code=code)
    url = reverse("admin:gifts_policyrule_change", args=[rule.pk])
    # when the admin posts the form without "active" and with a new note
    data = change_data(rule, notes="Reviewed by legal")
    data.pop("is_active")
    response = admin_client.post(url, data)
    # then the note is saved and the rule stays active (the field is read-only)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.is_active
    assert rule.notes == "Reviewed by legal"
    content = admin_client.get(url).content.decode()
    assert 'name="is_active"' not in content
    assert 'name="notes"' in content


def test_a_company_rule_can_still_be_switched_off(admin_client):
    rule = PolicyRule.objects.get(code="open_tender")
    data = change_data(rule)
    data.pop("is_active")
    admin_client.post(reverse("admin:gifts_policyrule_change", args=[rule.pk]), data)
    rule.refresh_from_db()
    assert not rule.is_active


@pytest.mark.parametrize("code", ["cash_to_official", "official_approval"])
def test_the_admin_cannot_delete_a_legal_rule(code, admin_client):
    rule = PolicyRule.objects.get(code=code)
    # when the admin tries the delete page and the bulk delete action
    response = admin_client.post(
        reverse("admin:gifts_policyrule_delete", args=[rule.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    admin_client.post(
        reverse("admin:gifts_policyrule_changelist"),
        {"action": "delete_selected", "_selected_action": [rule.pk], "post": "yes"},
    )
    # then the rule is still there
    assert PolicyRule.objects.filter(pk=rule.pk, is_active=True).exists()


def test_a_new_inactive_row_for_a_legal_rule_is_refused(admin_client):
    # when the admin adds a newer row for cash_to_official, switched off
    response = admin_client.post(
        reverse("admin:gifts_policyrule_add"),
        {
            "code": "cash_to_official",
            "legal_source": "memo",
            "effective_from": "2026-01-01",
            "notes": "",
        },
    )
    # then the form says why and nothing is stored
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not PolicyRule.objects.filter(effective_from=datetime.date(2026, 1, 1)).exists()


def test_the_database_keeps_legal_rules_active():
    rule = PolicyRule.objects.get(code="official_approval")
    rule.is_active = False
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()


@pytest.mark.parametrize("code", ["cash_to_official", "official_approval"])
def test_without_a_legal_rule_row_gifts_to_officials_are_refused(
    code, giver, official, private_contact
):
    # given a legal rule row deleted behind the admin's back (shell, bad import)
    PolicyRule.objects.filter(code=code).delete()
    # when a book is proposed for an official
    gift = propose(giver, official)
    # then the engine fails closed: rejected, naming the missing rule
    assert gift.status == Gift.Status.REJECTED
    decision = gift.decisions.get()
    assert decision.rule_code == policy.RuleCode.LEGAL_RULE_MISSING
    assert decision.params == {"rules": code}
    # while a gift to a private-sector contact is unaffected
    assert propose(giver, private_contact).status == Gift.Status.PROPOSED
