"""An agent's dismissal of the customer ("Ya sudah.", "Terserah.", "Fine.") and what softens
it into "alright then": a please or an apology, the agent's next step, a report of what was
just done or of what happens next to the customer's order. Split from state.py, which reads
a dismissal as the agent ending the conversation; the curt findings read it too."""

from __future__ import annotations

import re

from karib.tone.normalize import expand
from karib.tone.records import Marker, TurnAnalysis

# "Ya sudah" in any spelling: a soft dismissal, less sure than "terserah" or a rude word.
SOFT_DISMISSALS = ("ya", "yaudah", "yasudah", "udah", "sudah", "yo", "yowis", "yawis")
# What softens it into "alright then" ("Ya sudah, saya ganti sekarang ya kak, mohon
# ditunggu"): a please or an apology in the same message.
_SOFTENING_LABELS = frozenset({"please", "apology"})
# ... or the agent taking the next step ("Ya sudah, saya proses sekarang kak", "Ya udah,
# nanti kami kabari"); not "Ya sudah, saya tidak bisa bantu".
_TAKES_STEP_RE = re.compile(
    expand(
        r"(?<![\w'])(?:{saya}|kami|kita)\s+(?!{tidak}|bukan|belum|cuma|hanya)(?:(?:akan|coba|"
        r"langsung|segera)\s+)?(?:\w+)"
    ),
    re.IGNORECASE,
)
# ... or a report of what the agent just did: "Fine, I've updated it", "OK fine, done",
# "Fine, it's cancelled" (part-N round: the cancellation honoured),
# "Baik, sudah saya ubah", "Ya sudah, sudah kami perbaiki", "Ya sudah, e-tiketnya sudah
# dikirim ulang" (not "sudah dibilang / dijelaskan": that is blame).
_REPORTS_DONE_RE = re.compile(
    expand(
        r"(?<![\w'])(?:(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|now\s+|already\s+|also\s+)?"
        r"(?!not\b|never\b|no\b|told\b|said\b|explained\b)\w+|(?:i|we)(?:'ll|\s+will)\s+"
        r"(?:now\s+|just\s+)?(?!not\b|never\b)\w+|^[\s,.!-]*(?:done|sent|updated|changed|fixed|"
        r"sorted|corrected|resent|all\s+(?:set|done))(?![\w'])|(?:it'?s|it\s+is|that'?s|all)\s+"
        r"(?:now\s+)?(?:been\s+)?(?:done|sent|updated|changed|fixed|sorted|corrected|cancell?ed|"
        r"closed|processed|refunded)(?![\w'])|"
        r"(?:{sudah}|telah)\s+(?:{saya}|kami|ku)\s*\w+|(?:{sudah}|telah)\s+"
        r"(?!dibilang|dijelaskan|dikasih|diberi\s*tahu|diberitahu|disampaikan)di\w+|"
        r"(?:{saya}|kami)\s+(?:{sudah}|telah|barusan)\s+\w+)"
    ),
    re.IGNORECASE,
)
# ... or what happens next to the customer's order: "Fine. Your order will be ready at the
# bar in a few minutes.", "Fine, it'll be sent tomorrow" (an acknowledgement, not "whatever").
_NEXT_FOR_CUSTOMER_RE = re.compile(
    r"(?<![\w'])(?:(?:your|the)\s+(?:[\w-]+\s+){0,3}?[\w-]+|it|that|they)(?:\s+will|'ll|\s+is\s+going\s+to)\s+"
    r"be\s+(?:\w+\s+)?(?:ready|done|sent|delivered|shipped|up|out|there|with\s+you|on\s+its\s+way|"
    r"processed|refunded|fixed)(?![\w'])",
    re.IGNORECASE,
)
_CURT_LABELS = frozenset({"rude", "blame", "dismissive"})


def soft_dismissal(marker: Marker) -> bool:
    """A "ya sudah" (any spelling) dismissal."""
    return (
        marker.label == "dismissive"
        and marker.text.lower().split()[0].strip(",.!") in SOFT_DISMISSALS
    )


def mild_dismissal(marker: Marker) -> bool:
    """A "ya sudah" (any spelling) or a "fine" dismissal: "alright then" when it opens a
    softened or cooperative message."""
    return soft_dismissal(marker) or (
        marker.label == "dismissive" and marker.text.lower().strip(" ,.!") == "fine"
    )


def softened_dismissal(item: TurnAnalysis) -> bool:
    """Its only curt words are a "ya sudah" or "fine" opening a softened, cooperative
    message: a please or an apology, the agent's next step, a report of what the agent
    just did ("Fine, I've updated it", "Ya sudah, sudah kami perbaiki kak") or of what
    happens next to the customer's order ("Fine. Your order will be ready at the bar.")."""
    curt = [m for m in item.markers if m.label in _CURT_LABELS]
    if not curt or not all(mild_dismissal(m) for m in curt):
        return False
    tail = item.text[curt[-1].end :]
    if _REPORTS_DONE_RE.search(tail) is not None or _NEXT_FOR_CUSTOMER_RE.search(tail):
        return True
    if not all(soft_dismissal(m) for m in curt):
        return False
    return bool({m.label for m in item.markers} & _SOFTENING_LABELS) or (
        _TAKES_STEP_RE.search(item.text, curt[-1].end) is not None
    )


def dismisses(item: TurnAnalysis) -> bool:
    """The message dismisses the customer ("Ya sudah.", "Terserah."), unless softened."""
    return any(m.label == "dismissive" for m in item.markers) and not softened_dismissal(item)
