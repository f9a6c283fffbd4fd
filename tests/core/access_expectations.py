"""The declared access rules of every endpoint outside people (people's are in
tests/core/test_access_matrix.py): promises, gifts, conversations (service), privacy, steer,
core (home, Today, profile, tokens), account, login and ops. Keys are URL names (`PAGES`) and
OpenAPI operation ids (`API`); each `Rule` says which relations (tests/core/access_rules.py)
make the call succeed on the records of tests/core/access_world.py. The rules follow each app's
`access.py` and docs/security.md; the matrix test calls every rule as every relation.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .access_rules import (
    ADMIN,
    AUTHENTICATED,
    CREATORS,
    CREATORS_WHO_SEE,
    EVERYONE,
    LOOKS_AFTER,
    NOBODY,
    SEES,
    Rule,
    World,
    only,
    pk,
)

# --- promises: a promise the owner made to the organization and Suryo ------------------------
# The promise is kept by those who answer for it: its maker and the owner, the envoy sent to
# every person it was made to (Suryo's), the owner's manager, admins (promises/access.py).
KEEPS_PROMISE = LOOKS_AFTER
NEXT_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _promise_form(world: World) -> dict[str, Any]:
    return {"organization": world.get("organization").pk, "text": "Demo produk", "people": []}


PROMISE_MOVES: dict[str, dict[str, Any]] = {
    "kept": {"reason": "Terkirim"},
    "at-risk": {
        "reason": "Data terlambat",
        "communication_message": "Kami kabari minggu depan",
        "communication_due": NEXT_MONTH,
        "communication_owner": "m_owner",
    },
    "renegotiate": {"new_text": "Proposal ringkas", "new_due_date": NEXT_MONTH, "reason": "Setuju"},
    "broken": {"reason": "Tidak sempat"},
    "withdraw": {"customer_agreement": "Pelanggan setuju lewat telepon"},
}

PAGES: dict[str, list[Rule]] = {
    "promises:index": [Rule("GET", AUTHENTICATED)],
    "promises:create": [
        Rule("GET", CREATORS),
        Rule("POST", CREATORS_WHO_SEE, data=_promise_form),
    ],
    "promises:export": [Rule("GET", AUTHENTICATED)],
    "promises:reliability": [Rule("GET", AUTHENTICATED)],
    "promises:detail": [Rule("GET", SEES, pk("promise"))],
    "promises:transition": [
        Rule(
            "POST",
            KEEPS_PROMISE,
            lambda w: {"pk": w.get("promise").pk, "action": "kept"},
            data=lambda w: {"version": w.get("promise").version},
        ),
    ],
}

API: dict[str, list[Rule]] = {
    "promises_list": [Rule("GET", AUTHENTICATED)],
    "promises_export_csv": [Rule("GET", AUTHENTICATED)],
    "promises_reliability": [Rule("GET", AUTHENTICATED)],
    "promises_get": [Rule("GET", SEES, pk("promise", "promise_id"))],
    "promises_create": [
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {"organization_id": w.get("organization").pk, "text": "Demo produk"},
        )
    ],
    "promises_update": [
        Rule(
            "PATCH",
            KEEPS_PROMISE,
            pk("promise", "promise_id"),
            data=lambda w: {"due_date": NEXT_MONTH},
        )
    ],
}
PROMISE_OPERATIONS = {
    "kept": "mark_kept",
    "at-risk": "mark_at_risk",
    "renegotiate": "renegotiate",
    "broken": "mark_broken",
    "withdraw": "withdraw",
}
for _move, _body in PROMISE_MOVES.items():
    _promise = "promise_at_risk" if _move in {"renegotiate", "broken"} else "promise"
    API[f"promises_{PROMISE_OPERATIONS[_move]}"] = [
        Rule("POST", KEEPS_PROMISE, pk(_promise, "promise_id"), data=lambda w, body=_body: body)
    ]

# --- gifts: the owner's gifts to Suryo (proposed, approved, given) ---------------------------
# A gift is seen by its giver, whoever sees the recipient, Compliance and admins; Compliance
# (not the giver) decides; the giver gives it; giver, Compliance and admins close and report it.
SEES_GIFT = SEES | {"compliance"}
DECIDES = only("compliance")
GIVES = only("owner", "admin")
HANDLES = only("owner", "compliance", "admin")
GIFT_STEPS: dict[str, tuple[str, frozenset[str], dict[str, Any]]] = {
    "approve": ("gift_proposed", DECIDES, {"note": "Sesuai"}),
    "reject": ("gift_proposed", DECIDES, {"note": "Terlalu mahal"}),
    "given": ("gift_approved", GIVES, {}),
    "declined": ("gift_approved", HANDLES, {"note": "Ditolak penerima"}),
    "returned": ("gift_given", HANDLES, {"note": "Dikembalikan"}),
    "kpk-report": (
        "gift_given",
        HANDLES,
        {"reported_on": timezone.localdate().isoformat(), "reference": "KPK-1"},
    ),
}


def _gift_form(world: World) -> dict[str, Any]:
    return {
        "recipient": world.get("person").pk,
        "kind": "goods",
        "description": "Buku",
        "occasion": "business",
        "estimated_value": 150_000,
        "business_purpose": "Terima kasih",
    }


PAGES |= {
    "gifts:index": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "gifts:mine": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "gifts:queue": [Rule("GET", DECIDES, reveals=SEES_GIFT)],  # Compliance's queue
    "gifts:export-csv": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "gifts:export-xlsx": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "gifts:propose": [Rule("GET", CREATORS), Rule("POST", CREATORS_WHO_SEE, data=_gift_form)],
    "gifts:ideas": [Rule("GET", SEES, pk("person", "person_id"))],  # as proposing a gift
    "gifts:detail": [Rule("GET", SEES_GIFT, pk("gift_proposed"), reveals=SEES_GIFT)],
}
API |= {
    "karib_gifts_api_list_gifts": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "karib_gifts_api_export_gifts": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "karib_gifts_api_export_gifts_xlsx": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "karib_gifts_api_get_gift": [
        Rule("GET", SEES_GIFT, pk("gift_proposed", "gift_id"), reveals=SEES_GIFT)
    ],
    "karib_gifts_api_list_decisions": [
        Rule("GET", SEES_GIFT, pk("gift_approved", "gift_id"), reveals=SEES_GIFT)
    ],
    "karib_gifts_api_propose_gift": [
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {
                "recipient_id": w.get("person").pk,
                "kind": "goods",
                "description": "Buku",
                "estimated_value": 150_000,
                "business_purpose": "Terima kasih",
            },
        )
    ],
}
for _step, (_gift, _allowed, _body) in GIFT_STEPS.items():
    PAGES[f"gifts:{_step}"] = [
        Rule("POST", _allowed, pk(_gift), data=lambda w, body=_body: body, reveals=SEES_GIFT)
    ]
    API[f"karib_gifts_api_gifts_{_step.replace('-', '_')}"] = [
        Rule(
            "POST",
            _allowed,
            pk(_gift, "gift_id"),
            data=lambda w, body=_body: body,
            reveals=SEES_GIFT,
        )
    ]

# --- conversations (service QA) of the owner's team, Government ------------------------------
# Seen by its agent, the team's QA reviewers and managers, admins; reviewed and answered by the
# team's QA reviewers and managers (never its agent), admins; disputed by its agent; the
# playbook edited by the team's managers and admins (service/access.py).
SEES_CONVERSATION = only("agent", "qa", "manager", "admin")
REVIEWS = only("qa", "manager", "admin")
OVERSEES = only("qa", "manager", "other_manager", "admin")  # some team
MANAGES = only("manager", "admin")  # the Government team


def _upload(world: World, field: str = "files") -> dict[str, Any]:
    return {
        "team": world.get("team").pk,
        "channel": "phone",
        "product": "credit_card",
        field: [SimpleUploadedFile("baru.txt", b"Agen: Selamat pagi\nNasabah: Pagi\n")],
    }


PAGES |= {
    "service:index": [Rule("GET", AUTHENTICATED)],
    "service:export": [Rule("GET", AUTHENTICATED)],
    "service:verdicts-export": [Rule("GET", OVERSEES, lambda w: {"fmt": "csv"})],
    "service:conversation-detail": [Rule("GET", SEES_CONVERSATION, pk("conversation"))],
    "service:review": [Rule("POST", REVIEWS, pk("unreviewed"), data=lambda w: {"comment": "Baik"})],
    "service:dispute": [
        Rule("POST", only("agent"), pk("reviewed"), data=lambda w: {"kind": "acknowledge"})
    ],
    "service:reflection": [
        Rule("POST", only("agent"), pk("reviewed"), data=lambda w: {"text": "Lebih sabar"})
    ],
    "service:conversation-delete": [Rule("POST", REVIEWS, pk("unreviewed"))],
    "service:dispute-answer": [
        Rule("POST", REVIEWS, pk("dispute"), data=lambda w: {"outcome": "upheld"})
    ],
    "service:import": [
        Rule("GET", OVERSEES),
        Rule("POST", REVIEWS, data=lambda w: _upload(w, "uploads")),
    ],
    "service:import-detail": [Rule("GET", REVIEWS, pk("batch"))],
    "service:import-map-roles": [
        Rule(
            "POST",
            REVIEWS,
            lambda w: {"pk": w.get("batch").pk, "file_pk": w.get("batch_file").pk},
            data=lambda w: {f"file{w.get('batch_file').pk}-agent_speaker": "Agen"},
        )
    ],
    "service:import-retry": [Rule("POST", REVIEWS, pk("stopped_batch"))],
    "service:my-scorecard": [Rule("GET", only("agent"))],  # an agent's own card
    "service:scorecard": [
        Rule("GET", SEES_CONVERSATION, lambda w: {"pk": w.get("conversation").agent_id})
    ],
    "service:team": [Rule("GET", OVERSEES)],
    "service:team-detail": [Rule("GET", REVIEWS, pk("team"))],
    "service:playbook": [
        Rule("GET", AUTHENTICATED),  # the team's guidance, read by everyone
        Rule(
            "POST",
            MANAGES,
            data=lambda w: {
                "team": w.get("team").pk,
                "max_offers_after_refusal": 1,
                "requires_courteous_closure": "on",
                "required_closure": "Terima kasih",
                "guidance": "Dengarkan",
            },
        ),
    ],
    "service:self-evaluation": [Rule("GET", AUTHENTICATED)],
    "service:reanalyse": [Rule("POST", ADMIN, changes=False)],
}


def _conversation_pk(attribute: str) -> Any:
    return pk(attribute, "conversation_pk")


API |= {
    "karib_service_api_conversation_list": [Rule("GET", AUTHENTICATED)],
    "karib_service_api_conversation_detail": [
        Rule("GET", SEES_CONVERSATION, _conversation_pk("conversation"))
    ],
    "karib_service_api_conversation_review": [
        Rule("POST", REVIEWS, _conversation_pk("unreviewed"), data=lambda w: {"comment": "Baik"})
    ],
    "karib_service_api_conversation_dispute": [
        Rule(
            "POST",
            only("agent"),
            _conversation_pk("reviewed"),
            data=lambda w: {"kind": "acknowledge"},
        )
    ],
    "karib_service_api_dispute_answer": [
        Rule("POST", REVIEWS, pk("dispute", "dispute_pk"), data=lambda w: {"outcome": "upheld"})
    ],
    "karib_service_api_import_files": [
        Rule("POST", REVIEWS, data=_upload, multipart=True),
    ],
    "karib_service_api_import_status": [Rule("GET", REVIEWS, pk("batch", "batch_id"))],
    "karib_service_api_import_retry": [Rule("POST", REVIEWS, pk("stopped_batch", "batch_id"))],
    "karib_service_api_import_map_roles": [
        Rule(
            "POST",
            REVIEWS,
            lambda w: {"batch_id": w.get("batch").pk, "file_id": w.get("batch_file").pk},
            data=lambda w: {"agent_speaker": "Agen"},
        )
    ],
    "karib_service_api_import_choose_date_order": [
        Rule(
            "POST",
            REVIEWS,
            lambda w: {"batch_id": w.get("batch").pk, "file_id": w.get("dates_file").pk},
            data=lambda w: {"date_order": "dmy"},
        )
    ],
    "karib_service_api_reanalyse": [Rule("POST", ADMIN, changes=False)],
    "karib_service_api_scorecard_mine": [Rule("GET", only("agent"))],
    "karib_service_api_scorecard_agent": [
        Rule("GET", SEES_CONVERSATION, lambda w: {"agent_id": w.get("conversation").agent_id})
    ],
    "karib_service_api_scorecard_team": [Rule("GET", REVIEWS, pk("team", "team_id"))],
}

# --- privacy: Suryo's rights ------------------------------------------------------------------
# Accountable for the data (report, basis, requests): the owner, the owner's manager, admins;
# erasure: admins only (privacy/access.py).
ACCOUNTABLE = only("owner", "manager", "admin")
BASIS = {"basis": "contract", "purpose": "Layanan data"}

PAGES |= {
    "privacy:index": [Rule("GET", AUTHENTICATED)],
    "privacy:person": [Rule("GET", ACCOUNTABLE, pk("person"))],
    "privacy:report-json": [Rule("GET", ACCOUNTABLE, pk("person"))],
    "privacy:report-zip": [Rule("GET", ACCOUNTABLE, pk("person"))],
    "privacy:basis": [Rule("POST", ACCOUNTABLE, pk("person"), data=lambda w: BASIS)],
    "privacy:request-create": [
        Rule("POST", ACCOUNTABLE, pk("person"), data=lambda w: {"kind": "correction"})
    ],
    "privacy:erase": [Rule("POST", ADMIN, pk("person"), data=lambda w: {"confirm": _ref(w)})],
    "privacy:request-close": [Rule("POST", ACCOUNTABLE, pk("subject_request"))],
}


def _ref(world: World) -> str:
    from karib.privacy.services import person_reference

    return person_reference(world.get("person"))


API |= {
    "karib_privacy_api_request_list": [Rule("GET", AUTHENTICATED)],
    "karib_privacy_api_person_report": [Rule("GET", ACCOUNTABLE, pk("person"))],
    "karib_privacy_api_person_basis_set": [
        Rule("PUT", ACCOUNTABLE, pk("person"), data=lambda w: BASIS)
    ],
    "karib_privacy_api_person_request_create": [
        Rule("POST", ACCOUNTABLE, pk("person"), data=lambda w: {"kind": "correction"})
    ],
    "karib_privacy_api_person_erase": [Rule("POST", ADMIN, pk("person"))],
}

# --- steer: the owner's next actions, the recovery plan on Suryo ------------------------------
# Only the user an action is for acts on it; a plan's steps are ticked by the person's owner,
# envoy, the owner's manager, admins (steer/access.py).
ACTS = only("owner")
KEEPS_RELATIONSHIP = LOOKS_AFTER

PAGES |= {
    "steer:action-act": [
        Rule("POST", ACTS, lambda w: {"pk": w.get("next_action").pk, "verb": "done"}),
    ],
    "steer:action-envoy": [
        Rule(
            "POST",
            ACTS,
            pk("envoy_action"),
            data=lambda w: {"envoy": w.get("users")["same_team"].pk},
        )
    ],
    "steer:refresh": [Rule("POST", AUTHENTICATED, changes=False)],
    "steer:recovery-list": [Rule("GET", AUTHENTICATED)],
    "steer:recovery-detail": [Rule("GET", SEES, pk("plan"))],  # whoever sees Suryo
    "steer:recovery-start": [
        Rule("POST", only("owner", "through_one", "manager", "admin"), pk("colleague", "person_pk"))
    ],
    "steer:recovery-step": [
        Rule("POST", KEEPS_RELATIONSHIP, pk("step"), data=lambda w: {"done": "1"})
    ],
}
API |= {
    "karib_steer_api_list_next_actions": [Rule("GET", AUTHENTICATED)],
    "karib_steer_api_next_actions_report": [Rule("GET", AUTHENTICATED)],
    "karib_steer_api_today": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "karib_steer_api_finish_next_action": [Rule("POST", ACTS, pk("next_action"))],
    "karib_steer_api_snooze_next_action": [
        Rule("POST", ACTS, pk("next_action"), data=lambda w: {"until": NEXT_MONTH})
    ],
    "karib_steer_api_dismiss_next_action": [
        Rule("POST", ACTS, pk("next_action"), data=lambda w: {"reason": "Sudah bertemu"})
    ],
}

# --- core, account, login, ops ----------------------------------------------------------------
OUTSIDE = (("REMOTE_ADDR", "203.0.113.9"),)


def _to_login(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/login")


PAGES |= {
    # Compliance's Today lists the gifts waiting for a decision, recipients named
    "core:home": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "core:today": [Rule("GET", AUTHENTICATED, reveals=SEES_GIFT)],
    "core:digest-toggle": [Rule("POST", AUTHENTICATED, data=lambda w: {"daily_digest": "1"})],
    "core:notification-read": [Rule("POST", only("owner"), pk("notification"))],
    "core:profile": [
        Rule("GET", AUTHENTICATED),
        Rule("POST", AUTHENTICATED, data=lambda w: {"name": "laptop kedua"}),
    ],
    "core:token-revoke": [Rule("POST", only("owner"), pk("token"))],
    "core:set-language": [Rule("POST", EVERYONE, data=lambda w: {"language": "en"}, changes=False)],
    "login": [
        Rule("GET", EVERYONE),
        Rule("POST", NOBODY, data=lambda w: {"username": "m_owner", "password": "salah"}),
        Rule("PUT", NOBODY),
    ],
    "logout": [Rule("POST", EVERYONE, judge=_to_login)],
    "account:security": [Rule("GET", AUTHENTICATED)],
    # a set-up starts with the code mailed to the user: a POST without it writes nothing
    "account:otp": [Rule("GET", AUTHENTICATED), Rule("POST", frozenset(), by_effect_only=True)],
    "account:password_change": [
        Rule("GET", AUTHENTICATED),
        Rule("POST", NOBODY, data=lambda w: {"old_password": "salah"}),
        Rule("PUT", NOBODY),
    ],
    "account:password_change_done": [Rule("GET", AUTHENTICATED)],
    "account:password_reset": [
        Rule("GET", EVERYONE),
        Rule("POST", EVERYONE, data=lambda w: {"email": "nobody@example.com"}, changes=False),
        Rule("PUT", EVERYONE, changes=False),
    ],
    "account:password_reset_done": [Rule("GET", EVERYONE)],
    "account:password_reset_confirm": [
        Rule("GET", EVERYONE, lambda w: {"uidb64": "MQ", "token": "salah"}),
        Rule("POST", NOBODY, lambda w: {"uidb64": "MQ", "token": "salah"}),
        Rule("PUT", NOBODY, lambda w: {"uidb64": "MQ", "token": "salah"}),
    ],
    "account:password_reset_complete": [Rule("GET", EVERYONE)],
    "ops:metrics": [
        Rule("GET", EVERYONE, variant="loopback"),
        Rule("GET", ADMIN, variant="outside", environ=OUTSIDE),
    ],
}
API |= {
    "karib_core_api_health": [Rule("GET", EVERYONE)],
    "karib_core_api_health_ready": [Rule("GET", EVERYONE)],
    "karib_core_api_me": [Rule("GET", AUTHENTICATED)],
}
