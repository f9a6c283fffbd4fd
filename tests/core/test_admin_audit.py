"""What the Django admin may do, and that what it does is in the audit log (secprobe6, F1, F2).

Regression: a superuser could hand their own API token to another user (then act as them, with
every audit row naming the victim) or clear a token's revocation; and edits in the admin (a
user's team or roles, a next action, a policy rule) reached only `django_admin_log`.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from karib.core import services
from karib.core.models import ApiToken, AuditEvent, Profile, Team
from karib.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _events(instance, action=None):
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    )
    return events.filter(action=action) if action else events


def test_a_token_cannot_be_moved_to_another_user_or_unrevoked(client_for, root):
    # given the admin's own token (whose secret the admin holds) and a revoked one of rudi's
    rudi = UserFactory(username="rudi", role=Role.SALES)
    own = services.api_token_create(user=root, name="mine")
    revoked = services.api_token_create(user=rudi, name="old").token
    services.api_token_revoke(token=revoked, by=rudi)
    client = client_for(root)
    # when the admin posts change forms: the own token to rudi, the revoked one with no revocation
    moved = client.post(
        reverse("admin:core_apitoken_change", args=[own.token.pk]),
        {"name": "mine", "user": rudi.pk, "revoked_at_0": "", "revoked_at_1": ""},
    )
    unrevoked = client.post(
        reverse("admin:core_apitoken_change", args=[revoked.pk]),
        {"name": "old", "user": rudi.pk, "revoked_at_0": "", "revoked_at_1": ""},
    )
    # then both are refused and nothing changed: the secret still speaks for the admin only
    assert (moved.status_code, unrevoked.status_code) == (403, 403)
    assert ApiToken.objects.get(pk=own.token.pk).user == root
    assert ApiToken.objects.get(pk=revoked.pk).revoked_at is not None
    me = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {own.secret}")
    assert me.json()["username"] == "root"
    # and tokens are neither added nor deleted there
    assert client.get(reverse("admin:core_apitoken_add")).status_code == 403
    delete = reverse("admin:core_apitoken_delete", args=[own.token.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_the_revoke_action_revokes_through_the_service(client_for, root):
    # given a live token of rudi's
    rudi = UserFactory(username="rudi", role=Role.SALES)
    issued = services.api_token_create(user=rudi, name="laptop")
    # when the admin revokes it from the list
    client_for(root).post(
        reverse("admin:core_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [issued.token.pk]},
    )
    # then it no longer works and the audit log names the admin
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert _events(issued.token, AuditEvent.Action.ACTION).get().actor == root
    me = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert me.status_code == 401


def test_moving_a_user_to_another_team_is_audited(client_for, root):
    # given rudi in the sales team
    sales, service = Team.objects.create(name="Sales"), Team.objects.create(name="Service")
    rudi = UserFactory(username="rudi", role=Role.SALES, team=sales)
    profile = Profile.objects.get(user=rudi)
    # when the admin moves him to the service team
    response = client_for(root).post(
        reverse("admin:core_profile_change", args=[profile.pk]),
        {"user": rudi.pk, "team": service.pk, "language": "", "aliases": ""},
    )
    # then the move is made and recorded with its before and after, the admin as actor
    assert response.status_code == 302
    event = _events(profile, AuditEvent.Action.UPDATE).get()
    assert event.actor == root
    assert event.changes == {"team": {"before": sales.pk, "after": service.pk}}


def test_a_role_given_in_the_admin_is_audited_without_the_password(client_for, root):
    # given rudi, a Sales user
    rudi = UserFactory(username="rudi", role=Role.SALES)
    sales = Group.objects.get(name=Role.SALES.value)
    compliance, _ = Group.objects.get_or_create(name=Role.COMPLIANCE_OFFICER.value)
    # when the admin adds the Compliance role on his user page
    page = reverse("admin:auth_user_change", args=[rudi.pk])
    response = client_for(root).post(
        page,
        {
            "username": "rudi",
            "first_name": rudi.first_name,
            "last_name": rudi.last_name,
            "email": rudi.email,
            "is_active": "on",
            "groups": [sales.pk, compliance.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    # then the audit log says which roles he had and has, and never copies his password hash
    assert response.status_code == 302
    event = _events(rudi, AuditEvent.Action.UPDATE).get()
    assert event.actor == root
    assert event.changes["groups"] == {
        "before": [sales.pk],
        "after": sorted([sales.pk, compliance.pk]),
    }
    assert rudi.password not in str(event.changes)


def test_a_deleted_catalogue_entry_is_in_the_audit_log(client_for, root):
    # given a gesture idea an admin keeps in the catalogue
    from karib.gifts.models import GestureIdea

    idea = GestureIdea.objects.create(
        topic="wayang", idea="A wayang book", typical_min_idr=100_000, typical_max_idr=300_000
    )
    # when the admin deletes it
    response = client_for(root).post(
        reverse("admin:gifts_gestureidea_delete", args=[idea.pk]), {"post": "yes"}
    )
    # then the delete is recorded with what was deleted
    assert response.status_code == 302
    event = _events(idea, AuditEvent.Action.DELETE).get()
    assert event.actor == root
    assert event.changes["idea"] == {"before": "A wayang book", "after": None}


def test_a_password_set_in_the_admin_is_audited_without_the_hash(client_for, root):
    # given rudi
    rudi = UserFactory(username="rudi", role=Role.SALES)
    old_hash = rudi.password
    # when the admin sets a new password on his user page
    response = client_for(root).post(
        reverse("admin:auth_user_password_change", args=[rudi.pk]),
        {"password1": "Karib-new-pass-2026", "password2": "Karib-new-pass-2026"},
    )
    # then it is set, and the audit log says so with the admin as actor, and no hash in it
    assert response.status_code == 302
    rudi.refresh_from_db()
    assert rudi.check_password("Karib-new-pass-2026")
    event = _events(rudi, AuditEvent.Action.UPDATE).get(summary="password set in the admin")
    assert event.actor == root
    assert set(event.changes) == {"password"}
    for hashed in (old_hash, rudi.password):
        assert hashed not in str(event.changes)


def test_two_step_devices_are_neither_added_nor_shown_with_their_key(client_for, root):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # given maya's confirmed authenticator
    maya = UserFactory(username="maya", role=Role.COMPLIANCE_OFFICER)
    device = TOTPDevice.objects.create(user=maya, name="phone", confirmed=True)
    client = client_for(root)
    # when the admin tries to add one of their own to her account, and opens hers
    added = client.post(
        "/admin/otp_totp/totpdevice/add/",
        {"user": maya.pk, "name": "mine", "confirmed": "on", "key": "31" * 20},
    )
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    # then adding is refused and the key is not on the page
    assert added.status_code == 403
    assert TOTPDevice.objects.filter(user=maya).count() == 1
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    # and resetting her two-step login (deleting the device) is recorded, the key as a digest
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    event = _events(device, AuditEvent.Action.DELETE).get()
    assert event.actor == root
    assert device.key not in str(event.changes)


@pytest.mark.parametrize(
    "path",
    [
        "admin:gifts_gift_delete",
        "admin:core_outboundemail_delete",
        "admin:health_personcadence_delete",
    ],
)
def test_records_of_the_register_and_the_outbox_cannot_be_deleted_in_the_admin(
    client_for, root, path
):
    # the delete page of any row (existing or not) is refused before it is looked up
    assert client_for(root).post(reverse(path, args=[1]), {"post": "yes"}).status_code in (
        403,
        302,
    )
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = root
    model_admin = django_admin.site._registry[
        next(
            m
            for m in django_admin.site._registry
            if path.startswith(f"admin:{m._meta.app_label}_{m._meta.model_name}")
        )
    ]
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
