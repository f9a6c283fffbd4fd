"""Before the one-time password, a session opens the code page, a forgotten-password reset and
the logout only: not a password change, not the API's docs (secprobe3, F5)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from karib.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OTP_ROLES = override_settings(
    KARIB_OTP_REQUIRED_ROLES=["Admin", "Compliance officer"], OTP_TOTP_THROTTLE_FACTOR=0
)


def _admin_with_a_device() -> tuple[Client, TOTPDevice]:
    admin = UserFactory(username="adi", role=Role.ADMIN)
    admin.set_password("wayang-bima-pagi-hari")
    admin.save()
    device = TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=True)
    client = Client()
    client.force_login(admin)  # the password only
    return client, device


@OTP_ROLES
def test_a_password_alone_does_not_change_the_password():
    client, device = _admin_with_a_device()
    new = "kunci-baru-si-penyerang"
    response = client.post(
        "/account/password/",
        {
            "old_password": "wayang-bima-pagi-hari",
            "new_password1": new,
            "new_password2": new,
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/account/otp/")
    device.user.refresh_from_db()
    assert device.user.check_password("wayang-bima-pagi-hari")
    # and the security page waits for the code too
    assert client.get("/account/")["Location"].startswith("/account/otp/")


@OTP_ROLES
def test_the_api_docs_wait_for_the_code_while_the_code_page_and_reset_do_not():
    client, device = _admin_with_a_device()
    for path in ("/api/docs", "/api/openapi.json"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/otp/")
    assert client.get("/account/otp/").status_code == 200
    assert client.get("/account/password/reset/").status_code == 200
    # once the code is entered, both open
    token = f"{totp(device.bin_key):06d}"
    assert client.post("/account/otp/", {"token": token, "next": "/"}).status_code == 302
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/account/").status_code == 200
