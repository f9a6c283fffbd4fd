"""Setting up two-step login takes more than the password: a code mailed to the account's
address proves that whoever sets it up reads the owner's mail. Only then is an authenticator
key made and shown, so a stolen password alone neither sees a key nor binds its own
authenticator to the account (which would lock the owner out behind it).

The code lives in the "shared" database cache (every web worker sees it) for SETUP_CODE_TTL,
hashed with the site's secret; MAX_TRIES wrong codes void it, and at most MAX_MAILS_PER_HOUR
codes go out an hour. A changed password voids it too (the password hash is part of its key).
The proof is kept in the session for SETUP_CODE_TTL.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

from django.core.cache import caches
from django.core.mail import send_mail
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

SETUP_CODE_TTL = 30 * 60
RESEND_INTERVAL = 60
MAX_TRIES = 5
# At most this many codes an hour per account: five wrong tries void a code and the page would
# mail a new one, so without a ceiling anyone with the password could fill the owner's inbox
# (and try codes without end).
MAX_MAILS_PER_HOUR = 5
CODE_DIGITS = 8
CACHE = "shared"
SESSION_KEY = "karib_otp_setup_proved"


def _key(user: Any) -> str:
    fingerprint = hashlib.sha256(f"{user.pk}:{user.password}".encode()).hexdigest()[:32]
    return f"karib:otp-setup:{fingerprint}"


def _mails_key(user: Any) -> str:
    return f"karib:otp-setup-mails:{user.pk}"


def _digest(user: Any, code: str) -> str:
    return salted_hmac("karib.otp-setup", f"{user.pk}:{code}").hexdigest()


def masked_email(address: str) -> str:
    """ "citra@bank.example" -> "c•••@bank.example": enough to know which mailbox to open."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def setup_code_send(user: Any, *, again: bool = False) -> bool:
    """Mail a setup code unless one is still valid (`again`: a new one, at most every
    RESEND_INTERVAL seconds). True when a mail went."""
    if not user.email:
        return False
    cache = caches[CACHE]
    state = cache.get(_key(user))
    now = time.time()
    if state is not None and (not again or now - state["sent"] < RESEND_INTERVAL):
        return False
    cache.add(_mails_key(user), 0, 60 * 60)
    if cache.incr(_mails_key(user)) > MAX_MAILS_PER_HOUR:
        return False
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    cache.set(_key(user), {"hash": _digest(user, code), "sent": now, "tries": 0}, SETUP_CODE_TTL)
    send_mail(
        _("Your Karib code to set up two-step login"),
        _(
            "Your code to set up two-step login on Karib: %(code)s\n\n"
            "It works for %(minutes)d minutes. If you did not try to set up two-step login, "
            "someone knows your password: change it now and tell your admin."
        )
        % {"code": code, "minutes": SETUP_CODE_TTL // 60},
        None,
        [user.email],
    )
    return True


def setup_code_check(user: Any, code: str) -> bool:
    """Whether `code` is the valid setup code (used once); a wrong one counts a try."""
    cache = caches[CACHE]
    state = cache.get(_key(user))
    if state is None:
        return False
    if hmac.compare_digest(state["hash"], _digest(user, code.strip())):
        cache.delete(_key(user))
        return True
    state["tries"] += 1
    if state["tries"] >= MAX_TRIES:
        cache.delete(_key(user))
    else:
        remaining = max(1, int(state["sent"] + SETUP_CODE_TTL - time.time()))
        cache.set(_key(user), state, remaining)
    return False


def mark_proved(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = {"user": request.user.pk, "at": time.time()}


def is_proved(request: HttpRequest) -> bool:
    proof = request.session.get(SESSION_KEY)
    return (
        isinstance(proof, dict)
        and proof.get("user") == request.user.pk
        and time.time() - float(proof.get("at", 0)) < SETUP_CODE_TTL
    )


def forget_proof(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def setup_done_notify(user: Any) -> None:
    """Tell the owner's mailbox that an authenticator was bound to the account."""
    if not user.email:
        return
    send_mail(
        _("Two-step login is on for your Karib account"),
        _(
            "An authenticator app was set up for two-step login on your Karib account. If it "
            "was not you, change your password and ask your admin to reset two-step login."
        ),
        None,
        [user.email],
    )
