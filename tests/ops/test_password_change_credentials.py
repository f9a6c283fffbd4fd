"""A new password ends what the old one opened: the user's API tokens stop working and a
two-step login set up but never confirmed is dropped. Found by an attacker's probe: a token
minted with a stolen password kept working after the victim reset it."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from karib.core.models import ApiToken, AuditEvent
from karib.core.roles import Role
from karib.core.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD, NEW = "secret-pass-123", "wayang-bima-pagi-hari"


def _api_status(secret: str) -> int:
    return Client().get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code


def test_changing_the_password_revokes_every_token_and_the_pending_device():
    # given a user with two tokens, a confirmed authenticator and a pending one
    user = UserFactory(username="citra", role=Role.COMPLIANCE_OFFICER)
    first, second = (api_token_create(user=user, name=n) for n in ("laptop", "script"))
    other = api_token_create(user=UserFactory(username="sari", role=Role.SALES), name="hers")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    assert _api_status(first.secret) == 200
    # when they change it on the password page
    client = Client()
    client.force_login(user)
    response = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    # then both tokens are refused and recorded as revoked, the other user's is not touched
    assert response.status_code == 302
    assert [_api_status(t.secret) for t in (first, second)] == [401, 401]
    assert _api_status(other.secret) == 200
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    summaries = AuditEvent.objects.filter(summary="revoked: the password changed")
    assert summaries.count() == 2
    # and only the confirmed authenticator is left
    assert list(TOTPDevice.objects.filter(user=user).values_list("name", flat=True)) == ["phone"]


def test_a_reset_by_an_admin_revokes_the_tokens_too():
    # given
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    issued = api_token_create(user=user, name="laptop")
    # when an admin (or a reset link, or manage.py changepassword) sets a new password
    user.set_password(NEW)
    user.save()
    # then
    assert _api_status(issued.secret) == 401


def test_a_token_made_after_the_change_works():
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    user.set_password(NEW)
    user.save()
    assert _api_status(api_token_create(user=user, name="new").secret) == 200


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
)
def test_logging_in_with_an_old_hash_rehashes_without_revoking_anything():
    # given a password stored with a hasher that is no longer the first (it is upgraded on login)
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    user.password = make_password(OLD, hasher="pbkdf2_sha1")
    user.save(update_fields=["password"])
    issued = api_token_create(user=user, name="laptop")
    # when they log in with it
    assert Client().login(username="agus", password=OLD)
    # then the hash is upgraded, the password is the same and the token still works
    user.refresh_from_db()
    assert user.password.startswith("md5$")
    assert _api_status(issued.secret) == 200


def test_the_password_page_says_what_a_new_password_does():
    client = Client()
    client.force_login(UserFactory(username="agus", role=Role.SERVICE_AGENT))
    page = client.get("/account/password/")
    assert "mencabut token API Anda" in page.content.decode()
