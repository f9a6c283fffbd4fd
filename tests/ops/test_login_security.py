"""Login and sessions: lockout, password rules, change and reset, token throttling, TOTP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from karib.core.roles import Role
from karib.core.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"


def login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


# Lockout (django-axes, karib.core.lockout): 5 failures lock a username at an address; 8 (50 in
# production) from one address, whatever the usernames, lock the address.
LOCKOUT = override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, KARIB_ADDRESS_FAILURE_LIMIT=8)
OFFICE, HOME = "203.0.113.7", "198.51.100.20"


def at(address: str) -> Client:
    """A browser at `address` (the test client's REMOTE_ADDR)."""
    return Client(REMOTE_ADDR=address)


def fail(address: str, username: str, times: int = 1) -> None:
    """`times` wrong passwords for `username` from `address`."""
    for _ in range(times):
        login(at(address), username, "wrong-password")


def login_status(address: str, username: str = "rudi") -> int:
    """The status of a login with the right password from `address`: 302 in, 429 locked out."""
    return int(login(at(address), username, PASSWORD).status_code)


def spray(address: str, numbers: range) -> None:
    """One wrong password from `address` for each username `someone<number>`."""
    for number in numbers:
        fail(address, f"someone{number}")


@LOCKOUT
def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one():
    # given a user
    UserFactory(username="rudi", role=Role.SALES)
    client = at(OFFICE)
    # when five wrong passwords are tried
    for _ in range(5):
        login(client, "rudi", "wrong-password")
    # then the right password is refused too, with the translated lockout page
    response = login(client, "rudi", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in client.session


@LOCKOUT
def test_a_locked_username_locks_neither_the_colleagues_behind_its_address_nor_itself_elsewhere():
    # given rudi locked out at the office after five wrong passwords
    UserFactory(username="rudi", role=Role.SALES)
    UserFactory(username="sari", role=Role.SALES)
    fail(OFFICE, "rudi", times=5)
    assert login_status(OFFICE) == 429
    # then a colleague at the same office address logs in
    assert login_status(OFFICE, "sari") == 302
    # and rudi logs in from home (an attacker typing his username cannot lock him out)
    assert login_status(HOME) == 302


@LOCKOUT
def test_four_wrong_passwords_do_not_lock():
    UserFactory(username="rudi", role=Role.SALES)
    fail(OFFICE, "rudi", times=4)
    assert login_status(OFFICE) == 302


@LOCKOUT
def test_an_address_guessing_many_usernames_is_locked_out():
    # given a user
    UserFactory(username="rudi", role=Role.SALES)
    # when one address tries one password for each of eight usernames (none reaches five)
    spray(OFFICE, range(8))
    # then that address cannot log in even as a real user, with the lockout page
    response = login(at(OFFICE), "rudi", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    # and other addresses are not affected
    assert login_status(HOME) == 302


@LOCKOUT
def test_seven_failures_from_an_address_leave_it_open():
    UserFactory(username="rudi", role=Role.SALES)
    spray(OFFICE, range(7))
    assert login_status(OFFICE) == 302


@LOCKOUT
def test_one_user_retrying_while_locked_does_not_lock_the_office():
    # given rudi locked out at the office
    UserFactory(username="rudi", role=Role.SALES)
    UserFactory(username="sari", role=Role.SALES)
    fail(OFFICE, "rudi", times=5)
    # when he keeps trying, twenty times more (all refused)
    statuses = {login(at(OFFICE), "rudi", "wrong-password").status_code for _ in range(20)}
    assert statuses == {429}
    # then those refused tries did not count: the office is under its ceiling of eight
    assert AccessAttempt.objects.filter(ip_address=OFFICE).get().failures_since_start == 5
    assert login_status(OFFICE, "sari") == 302


@LOCKOUT
def test_a_successful_login_clears_that_users_failures_only():
    # given rudi with four wrong passwords and someone else's three at the same address
    UserFactory(username="rudi", role=Role.SALES)
    fail(OFFICE, "rudi", times=4)
    spray(OFFICE, range(3))
    # when rudi logs in
    assert login_status(OFFICE) == 302
    # then his count starts again: four more wrong passwords do not lock him (eight would)
    fail(OFFICE, "rudi", times=4)
    assert login_status(OFFICE) == 302
    # and the others' three failures still count for the address: five more reach eight
    spray(OFFICE, range(3, 8))
    assert login_status(OFFICE) == 429


@LOCKOUT
def test_a_lockout_ends_after_the_cool_off():
    # given rudi locked out, and an address over its ceiling
    UserFactory(username="rudi", role=Role.SALES)
    fail(OFFICE, "rudi", times=5)
    spray(HOME, range(8))
    # when the failures are older than the cool-off (15 minutes)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    # then both may log in again
    assert login_status(OFFICE) == 302
    assert login_status(HOME) == 302


@LOCKOUT
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


def _api_me(client: Client, token: str):
    return client.get("/api/me", headers={"authorization": f"Bearer {token}"})


@LOCKOUT
def test_a_guessed_api_token_is_throttled_without_locking_the_others():
    # given a valid token, and a guesser at the office trying tokens that start like another one
    user = UserFactory(username="rudi", role=Role.SALES)
    issued = api_token_create(user=user, name="laptop")
    guesser = at(OFFICE)
    # when five wrong tokens with the same start are tried: the fifth locks that start out
    responses = [_api_me(guesser, f"kb_deadbeef_guess{number}") for number in range(5)]
    assert [response.status_code for response in responses] == [401, 401, 401, 401, 429]
    # in the API's error shape, as every further try
    for response in (responses[-1], _api_me(guesser, "kb_deadbeef_guess9")):
        assert response.status_code == 429
        assert response.json()["errors"][0]["code"] == "throttled"
    # then a real token still works from the same address
    assert _api_me(guesser, issued.secret).status_code == 200


@LOCKOUT
def test_an_address_spraying_api_tokens_is_locked_out():
    # given a valid token
    user = UserFactory(username="rudi", role=Role.SALES)
    issued = api_token_create(user=user, name="laptop")
    # when one address tries eight tokens that all start differently
    statuses = [_api_me(at(OFFICE), f"kb_{number}abcdef0_guess").status_code for number in range(8)]
    assert statuses == [401] * 7 + [429]
    # then that address gets 429 even with the right token; another address does not
    response = _api_me(at(OFFICE), issued.secret)
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "throttled"
    assert _api_me(at(HOME), issued.secret).status_code == 200


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


def _prove_the_mailbox(client: Client) -> None:
    """The first step of a setup: the code mailed when the setup page opened."""
    code = re.search(r"\b(\d{8})\b", mail.outbox[-1].body)
    assert code is not None
    response = client.post("/account/otp/", {"email_code": code.group(1), "next": "/gifts/"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the key's page


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
    # and once they typed the code mailed to them, the authenticator key is made
    _prove_the_mailbox(client)
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
    _prove_the_mailbox(client)
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
