"""Words for what the service app stores as codes: finding explanations, import reasons and the
engine's input errors. Rows keep a code and its values; these functions word them in the
reader's language when shown, so an English reader never reads Indonesian system text and
vice versa (the same habit as `gifts/reasons.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Params = Mapping[str, Any]


def _fill(template: str, params: Params) -> str:
    try:
        return template % dict(params)
    except (KeyError, TypeError, ValueError):  # a value missing from an old row
        return template.split("%(")[0].rstrip(" :(") or template


# --- finding explanations --------------------------------------------------------------


def _push_after_refusal(params: Params) -> str:
    count = int(params.get("count") or 0)
    if params.get("first_turn") is None:
        return ngettext(
            "The agent kept making retention offers %(count)d time after the customer's clear "
            "refusal.",
            "The agent kept making retention offers %(count)d times after the customer's clear "
            "refusal.",
            count,
        ) % {"count": count}
    return ngettext(
        "The agent kept making retention offers %(count)d time after the customer's clear "
        "refusal (turn %(first_turn)s).",
        "The agent kept making retention offers %(count)d times after the customer's clear "
        "refusal (turn %(first_turn)s).",
        count,
    ) % {"count": count, "first_turn": params["first_turn"]}


def _tone_shift(params: Params) -> str:
    if params.get("before") is None or params.get("after") is None:
        return _("The agent's tone turned curt after the refusal or pressure point.")
    return _(
        "The agent's tone turned curt after the refusal or pressure point: politeness fell "
        "from %(before)s to %(after)s."
    ) % {"before": params["before"], "after": params["after"]}


def _playbook_breach(params: Params) -> str:
    sentences = []
    for breach in params.get("breaches") or []:
        code = breach.get("code")
        if code == "offers_after_refusal":
            sentences.append(
                ngettext(
                    "%(pushes)d retention offer after a clear refusal; the playbook allows "
                    "%(allowed)d.",
                    "%(pushes)d retention offers after a clear refusal; the playbook allows "
                    "%(allowed)d.",
                    int(breach.get("pushes") or 0),
                )
                % {"pushes": int(breach.get("pushes") or 0), "allowed": breach.get("allowed", 0)}
            )
        elif code == "closure_missing":
            sentences.append(_("The required courteous closure is missing."))
    return " ".join(sentences) or _("The conversation breaks the cancellation playbook.")


_FINDINGS: dict[str, Callable[[Params], str]] = {
    "push_after_refusal": _push_after_refusal,
    "tone_shift": _tone_shift,
    "no_courteous_closure": lambda _p: _(
        "The agent ended the conversation without thanks, good wishes or an offer of further help."
    ),
    "customer_cut_off": lambda _p: _(
        "The agent ended the conversation before the customer could finish or get an answer."
    ),
    "curt_language": lambda _p: _("The agent used curt or dismissive language."),
    "playbook_breach": _playbook_breach,
}


def finding_explanation(code: str, params: Params | None = None) -> str:
    """Why the finding was raised, in the active language."""
    explain = _FINDINGS.get(code)
    if explain is None:
        return _("The engine raised this finding; see the marked turns.")
    return explain(params or {})


def explained_finding_codes() -> frozenset[str]:
    return frozenset(_FINDINGS)


# --- import reasons --------------------------------------------------------------------

# Codes of what an import skipped, rejected or noted (stored in `ImportBatch.report` and
# `ImportFile.error_code`). Engine input errors are `engine_<kind>`.
DUPLICATE = "duplicate"
AGENT_AMBIGUOUS = "agent_ambiguous"
AGENT_UNMATCHED = "agent_unmatched"
INTERNAL_ERROR = "internal_error"
STALE = "stale"
NEEDS_ROLES = "needs_roles"
NEEDS_DATE_ORDER = "needs_dates"
ENGINE_PREFIX = "engine_"


_ENGINE_ERRORS: dict[str, Callable[[Params], str]] = {
    "too_large": lambda _p: _(
        "The file is over the 50 MB limit; split it or use JSONL or CSV, which are streamed."
    ),
    "binary": lambda _p: _("This is a binary file, not a conversation transcript."),
    "encoding": lambda _p: _("The file is not UTF-8 text; save it as UTF-8 and try again."),
    "empty": lambda _p: _("The file is empty: no turns were found."),
    "json": lambda _p: _("The JSON is malformed here; check the brackets, quotes and commas."),
    "json_shape": lambda _p: _(
        "Each conversation must be a JSON object with a “turns” list, and each turn an object "
        "with a “speaker” and a “text”."
    ),
    "csv_header": lambda p: (
        _fill(
            _("The CSV header lacks the column(s) %(columns)s."), {"columns": p.get("columns", "")}
        )
        if p.get("columns")
        else _("The CSV header lacks required columns (conversation_id, speaker, text).")
    ),
    "csv_wide": lambda _p: _(
        "The CSV header has over 500 columns; a conversation file has a few (conversation_id, "
        "speaker, text and some details)."
    ),
    "csv_row": lambda _p: _(
        "This CSV row has a different number of fields than the header, or lacks the "
        "conversation_id or speaker."
    ),
    "csv_order": lambda _p: _("The rows of one conversation must follow each other."),
    "csv_quote": lambda _p: _("A quoted CSV field opened here never closes."),
    "csv_field": lambda _p: _(
        "A field of this CSV row is too long (over 131,072 characters) to be a turn."
    ),
    "text_line": lambda _p: _(
        "Expected a turn written as “SPEAKER: text” or an event in [brackets]."
    ),
    "whatsapp_line": lambda _p: _("Expected a WhatsApp message line (date, time, name, text)."),
    "whatsapp_layout": lambda p: (
        _fill(
            _(
                "%(file)s, line %(line)s: this WhatsApp export writes its dates in a layout "
                "Karib does not read yet (%(example)s)."
            ),
            {"line": 1, **p},
        )
        if p.get("example") and p.get("file")
        else _("Expected a WhatsApp message line (date, time, name, text).")
    ),
    "timestamp": lambda _p: _(
        "A timestamp is not an ISO 8601 date and time (e.g. 2024-03-01T09:00:00+07:00)."
    ),
    "unreadable": lambda _p: _("The file could not be read as a conversation transcript."),
}

_REASONS: dict[str, Callable[[Params], str]] = {
    DUPLICATE: lambda _p: _("duplicate: this conversation was imported before"),
    AGENT_AMBIGUOUS: lambda p: _fill(
        _(
            "ambiguous agent name: “%(name)s” matches several service agents of the team; "
            "not assigned"
        ),
        p,
    ),
    AGENT_UNMATCHED: lambda p: _fill(
        _("agent “%(name)s” matches no service agent of the team; not assigned"), p
    ),
    INTERNAL_ERROR: lambda p: _fill(
        _(
            "%(file)s could not be imported because of an internal error; nothing from it was "
            "stored and the error was logged. Try again or ask an administrator."
        ),
        p,
    ),
    STALE: lambda p: _fill(
        _(
            "The import stopped: no progress for %(minutes)d minutes. Files not yet imported "
            "can be retried."
        ),
        p,
    ),
    NEEDS_ROLES: lambda p: (
        _("Cannot tell the agent from the customer among the speakers: %(speakers)s.")
        % {"speakers": ", ".join(str(s) for s in p.get("speakers") or [])}
    ),
    NEEDS_DATE_ORDER: lambda _p: _(
        "Its dates read both day-first and month-first: choose how this file writes its dates."
    ),
}


def import_reason(code: str, params: Params | None = None) -> str:
    """One reason of an import report or file, in the active language."""
    params = params or {}
    if code.startswith(ENGINE_PREFIX):
        return _ENGINE_ERRORS.get(code[len(ENGINE_PREFIX) :], _ENGINE_ERRORS["unreadable"])(params)
    word = _REASONS.get(code)
    if word is None:
        return _ENGINE_ERRORS["unreadable"](params)
    return word(params)


def import_reason_codes() -> list[str]:
    """Every reason code, for the test that words each one in every language."""
    return [*_REASONS, *(ENGINE_PREFIX + kind for kind in _ENGINE_ERRORS)]


# --- the engine's input errors, by kind ------------------------------------------------

# Until the engine gives each input error a code of its own, its kind is told from the start
# of its (English, stable) message; the text itself is never shown to anyone.
_ENGINE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("too_large", r"over the \d+ MB limit"),
        ("binary", r"^binary"),
        ("encoding", r"UTF-8|UTF-16"),
        ("empty", r"^empty file|^no turns found|^no WhatsApp message lines"),
        ("json", r"^malformed JSON"),
        ("json_shape", r"JSON object|'turns'|'conversation_id'|is not an object|'speaker'|'text'"),
        ("timestamp", r"ISO 8601"),
        ("csv_wide", r"^CSV header has [\d,]+ columns"),
        ("csv_header", r"^CSV header"),
        ("csv_row", r"^CSV row"),
        ("csv_field", r"^CSV field over"),
        ("csv_order", r"not contiguous"),
        ("csv_quote", r"unterminated quoted field"),
        ("whatsapp_line", r"WhatsApp message line"),
        ("whatsapp_layout", r"WhatsApp date layout is not supported"),
        ("text_line", r"SPEAKER: text"),
    )
)
_COLUMNS_RE = re.compile(r"column\(s\) ([\w, ]+)$")


def engine_error_reason(error: Exception) -> tuple[str, dict[str, Any]]:
    """The reason code and values of an engine input error (`tone.ToneInputError`)."""
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in _ENGINE_ERRORS:
        params = dict(getattr(error, "params", None) or {})
        return ENGINE_PREFIX + code, params
    message = str(getattr(error, "message", "") or "")
    for kind, pattern in _ENGINE_KINDS:
        if pattern.search(message):
            params = {}
            if kind == "csv_header" and (columns := _COLUMNS_RE.search(message)):
                params["columns"] = columns.group(1)
            if kind == "whatsapp_layout":  # the date and time only: no name or words kept
                params = {"line": getattr(error, "line", None) or 1}
                params["example"] = str(getattr(error, "stamp", "") or "")
            return ENGINE_PREFIX + kind, params
    return ENGINE_PREFIX + "unreadable", {}
