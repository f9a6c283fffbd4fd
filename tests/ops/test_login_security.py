"""Login and sessions: lockout, password rules, change and reset, token throttling, TOTP."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from karib.core.roles import Role
from karib.core.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"


def login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one():
    # given a user
    UserFactory(username="rudi", role=Role.SALES)
    client = Client()
    # when five wrong passwords are tried
    for _ in range(5):
        login(client, "rudi", "wrong-password")
    # then the right password is refused too, with the translated lockout page
    response = login(client, "rudi", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_an_address_guessing_many_usernames_is_locked_out():
    UserFactory(username="rudi", role=Role.SALES)
    client = Client()
    # when one address tries five different usernames
    for number in range(5):
        login(client, f"someone{number}", "wrong-password")
    # then that address cannot log in even as a real user
    assert login(client, "rudi", PASSWORD).status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_an_admin_unlocks_a_user():
    UserFactory(username="rudi", role=Role.SALES)
    client = Client()
    for _ in range(5):
        login(client, "rudi", "wrong-password")
    assert AccessAttempt.objects.exists()
    # when an admin unlocks (command or admin list)
    call_command("unlock", "rudi", ip="127.0.0.1")
    # then the user logs in
    assert login(Client(), "rudi", PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_wrong_api_tokens_are_throttled():
    # given a valid token
    user = UserFactory(username="rudi", role=Role.SALES)
    issued = api_token_create(user=user, name="laptop")
    client = Client()
    # when five wrong tokens are tried from one address: the fifth locks the address out
    statuses = [
        client.get("/api/me", headers={"authorization": f"Bearer kb_bad{number}_x"}).status_code
        for number in range(5)
    ]
    assert statuses == [401, 401, 401, 401, 429]
    # then further attempts, even the right token, answer 429 in the API's shape
    response = client.get("/api/me", headers={"authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 429


def test_short_and_common_passwords_are_refused():
    for weak in ("Karib123", "short", "1234567890", "password123"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("gajah-terbang-di-bima")  # long and uncommon passes


def test_any_user_changes_their_password():
    # given a non-staff agent
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    client = Client()
    client.force_login(user)
    # when they change it, a short one is refused with a translated error
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "Karib123", "new_password2": "Karib123"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert any("10" in error for error in errors)  # "at least 10 characters", in Indonesian
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # and a good one is accepted
    good = "wayang-bima-pagi-hari"
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": good, "new_password2": good},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(good)


def test_password_reset_by_email_sets_a_new_password():
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    client = Client()
    # when they ask for a reset
    response = client.post("/account/password/reset/", {"email": user.email})
    assert response.status_code == 302
    # then an e-mail carries a one-time link that sets the password
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "wayang-bima-pagi-hari"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def _enter_the_code(client: Client, device: TOTPDevice):
    """Post the device's current one-time password, as the user types it."""
    return client.post("/account/otp/", {"token": f"{totp(device.bin_key):06d}", "next": "/gifts/"})


# django-otp delays a retry after a wrong code; the factor 0 lets the test retry at once.
@override_settings(
    KARIB_OTP_REQUIRED_ROLES=["Admin", "Compliance officer"], OTP_TOTP_THROTTLE_FACTOR=0
)
def test_compliance_officer_must_set_up_and_use_a_one_time_password():
    # given a compliance officer logged in with the password only
    officer = UserFactory(username="citra", role=Role.COMPLIANCE_OFFICER)
    client = Client()
    client.force_login(officer)
    # when they open a page, they are sent to set up two-step login
    response = client.get("/gifts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/otp/")
    page = client.get(response["Location"])
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    # a wrong code is refused
    assert client.post("/account/otp/", {"token": "000000", "next": "/gifts/"}).status_code == 422
    # then the right code confirms the device and opens the page
    response = _enter_the_code(client, device)
    assert page.status_code == 200
    assert response.status_code == 302
    assert client.get("/gifts/").status_code == 200
    assert TOTPDevice.objects.get(user=officer).confirmed


@override_settings(
    KARIB_OTP_REQUIRED_ROLES=["Admin", "Compliance officer"], OTP_TOTP_THROTTLE_FACTOR=0
)
def test_the_api_refuses_a_session_that_has_not_passed_the_one_time_password():
    # given an admin logged in with the password only
    admin = UserFactory(username="adi", role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    # then the session opens nothing in the API, reads or writes
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/people/persons").status_code == 401
    assert (
        client.post("/api/people/persons", {}, content_type="application/json").status_code == 401
    )
    # and once the one-time password is entered, the same session works
    client.get("/gifts/", follow=True)
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert _enter_the_code(client, device).status_code == 302
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/people/persons").status_code == 200


@override_settings(KARIB_OTP_REQUIRED_ROLES=["Admin", "Compliance officer"])
def test_sales_users_are_not_asked_for_a_one_time_password(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    assert client.get("/today/").status_code == 200


def test_asking_again_for_a_reset_sends_no_more_mail_until_the_password_changes():
    # given a user who asked for a reset
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    client = Client()
    client.post("/account/password/reset/", {"email": user.email})
    # when they (or anyone) ask eight times more
    responses = [client.post("/account/password/reset/", {"email": user.email}) for _ in range(8)]
    # then the page is the same and no more mail goes
    assert {r.status_code for r in responses} == {302}
    assert len(mail.outbox) == 1
    # and once the password has changed, a new reset may be asked for
    user.set_password("wayang-bima-pagi-hari")
    user.save()
    client.post("/account/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 2
