"""Setting up two-step login needs the code mailed to the account's address before any
authenticator key is made or shown. Found by an attacker's probe: a stolen password alone showed
the key, bound the attacker's authenticator and locked the owner out behind it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from karib.core import otp_setup
from karib.core.roles import Role
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_cache_cleared"),
]
OTP_ROLES = override_settings(
    KARIB_OTP_REQUIRED_ROLES=["Admin", "Compliance officer"], OTP_TOTP_THROTTLE_FACTOR=0
)


@pytest.fixture
def shared_cache_cleared():
    from django.core.cache import caches

    caches[otp_setup.CACHE].clear()
    yield
    caches[otp_setup.CACHE].clear()


def _officer(email: str = "citra@bank.example") -> tuple[Client, object]:
    officer = UserFactory(username="citra", role=Role.COMPLIANCE_OFFICER, email=email)
    client = Client()
    client.force_login(officer)  # the password only
    return client, officer


def _mailed_code() -> str:
    found = re.search(r"\b(\d{8})\b", mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


def _post(client: Client, **data: str):
    return client.post("/account/otp/", {"next": "/gifts/", **data})


@OTP_ROLES
def test_a_password_alone_sees_no_key_and_binds_no_authenticator():
    # given a compliance officer logged in with the password only, no authenticator yet
    client, officer = _officer()
    # when the setup page opens
    page = client.get("/account/otp/")
    # then a code goes to their mailbox, the page names it masked and shows no key
    assert page.status_code == 200
    assert [m.to for m in mail.outbox] == [["citra@bank.example"]]
    body = page.content.decode()
    assert "c•••@bank.example" in body
    assert 'class="secret"' not in body
    assert "otpauth://" not in body
    assert not TOTPDevice.objects.filter(user=officer).exists()
    # and an authenticator code posted without the mailed one confirms nothing
    assert _post(client, token="123456").status_code == 422
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.get("/gifts/")["Location"].startswith("/account/otp/")


@OTP_ROLES
def test_the_mailed_code_opens_the_key_and_the_owner_is_told_once_it_is_on():
    # given
    client, officer = _officer()
    client.get("/account/otp/")
    # when they type the mailed code
    response = _post(client, email_code=_mailed_code())
    # then the key is made and shown
    assert response.status_code == 302
    page = client.get(response["Location"])
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert 'class="secret"' in page.content.decode()
    # and the authenticator's code turns it on, and the mailbox hears of it
    assert _post(client, token=f"{totp(device.bin_key):06d}").status_code == 302
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert client.get("/gifts/").status_code == 200
    assert len(mail.outbox) == 2
    assert "aplikasi autentikator telah diatur" in mail.outbox[-1].body


@OTP_ROLES
def test_a_key_made_before_the_proof_is_replaced_by_a_fresh_one():
    # given a pending key someone saw before (an older setup)
    client, officer = _officer()
    seen = TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=False)
    client.get("/account/otp/")
    # when the mailbox is proved
    _post(client, email_code=_mailed_code())
    client.get("/account/otp/")
    # then the key shown is a new one
    (fresh,) = TOTPDevice.objects.filter(user=officer, confirmed=False)
    assert fresh.pk != seen.pk
    assert fresh.key != seen.key


@OTP_ROLES
def test_five_wrong_codes_void_the_mailed_one_and_a_new_one_may_be_asked_for():
    # given
    client, _officer_user = _officer()
    client.get("/account/otp/")
    right = _mailed_code()
    wrong = f"{(int(right) + 1) % 10**8:08d}"
    # when five wrong codes are typed
    answers = [_post(client, email_code=wrong).status_code for _ in range(otp_setup.MAX_TRIES)]
    # then each is refused and the right one no longer works either
    assert answers == [422] * otp_setup.MAX_TRIES
    assert _post(client, email_code=right).status_code == 422
    # and a new code may be asked for, which works
    page = _post(client, resend="1")
    assert page.status_code == 200
    assert 'role="status"' in page.content.decode()
    assert len(mail.outbox) == 2
    assert _post(client, email_code=_mailed_code()).status_code == 302


@OTP_ROLES
def test_asking_again_at_once_sends_no_second_mail():
    client, _officer_user = _officer()
    client.get("/account/otp/")
    _post(client, resend="1")
    client.get("/account/otp/")
    assert len(mail.outbox) == 1


@OTP_ROLES
def test_a_new_password_voids_the_mailed_code():
    # given a mailed code
    client, officer = _officer()
    client.get("/account/otp/")
    code = _mailed_code()
    # when the password changes (the owner reset it)
    officer.set_password("wayang-bima-pagi-hari")
    officer.save()
    client.force_login(officer)
    # then the old code opens nothing
    assert _post(client, email_code=code).status_code == 422


@OTP_ROLES
def test_an_account_without_an_address_is_sent_to_an_admin():
    # given an officer with no e-mail address
    client, officer = _officer(email="")
    # when they open the setup page or post anything
    page = client.get("/account/otp/")
    # then nothing is mailed, no key is made, and the page says whom to ask
    assert page.status_code == 200
    assert "Minta admin menambahkannya" in page.content.decode()
    assert _post(client, email_code="12345678").status_code == 422
    assert _post(client, token="123456").status_code == 422
    assert not mail.outbox
    assert not TOTPDevice.objects.filter(user=officer).exists()


@OTP_ROLES
def test_no_more_than_five_codes_an_hour_go_to_the_mailbox():
    # given someone with the password voiding code after code with wrong tries
    client, _officer_user = _officer()
    for _round in range(otp_setup.MAX_MAILS_PER_HOUR + 2):
        client.get("/account/otp/")
        for _try in range(otp_setup.MAX_TRIES):
            _post(client, email_code="00000000")
    # then the mailbox got five codes, no more
    assert len(mail.outbox) == otp_setup.MAX_MAILS_PER_HOUR
