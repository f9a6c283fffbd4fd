"""Acts in the context of the conversation: cancellation requests, offers and refusals
(what an agent turn offers is read in ``offers.py``).

The per-utterance pass (``scoring.py``) marks the cancellation words, offers and refusals it
can see in one turn, and already reads a question about a cancellation policy or procedure
as no request and a request in polite question form as one (``cancellation.py``, one rule
for both passes). Here they are read against the conversation (docs/tone.md, labelling
definitions): an offer counts after the customer's request; a customer reply to an offer
is a refusal when it declines it in any wording.
"""

from __future__ import annotations

import re
from dataclasses import replace

from karib.tone.cancellation import about_cancelling, polite_request
from karib.tone.normalize import expand
from karib.tone.offers import LOSS_RE, asks_sure, negated_offer, offered_in_context
from karib.tone.records import Marker, TurnAnalysis
from karib.tone.scoring import ACT_ORDER, politeness_of

CANCEL_LABEL = "cancellation_request"

_NEGATION_START_RE = re.compile(
    # An apology, a thanks or an interjection may come first: "Sorry, no.", "Makasih,
    # nggak dulu", "Hehe ga dulu kak".
    r"^\W*(?:(?:sorry|sori|maaf|mohon\s+maaf|thanks?|thank\s+you|makasih|terima\s+kasih|"
    r"hehe+|haha+|hmm+|hm|wah|aduh|duh|yah|ah|eh|oh|well|um+|"
    # emphatic (part-L round): "Definitely not", "Honestly no", "Sadly no"
    r"definitely|absolutely|certainly|honestly|really|seriously|sadly|unfortunately)\W+)?"
    r"(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|ndak|nope|no|nah|bukan|jangan|"
    # fused ("gausah", "gamau"), Javanese ("mboten", "emoh", "ogah", "ora"), Sundanese
    # ("henteu", "teu", "moal", "alim")
    r"gausah|gaperlu|gamau|gaminat|mboten|emoh|ogah|ora|henteu|teu|moal|alim|"
    # Betawi "kagak", Javanese "ra" (part-N round: "kagak deh kak", "ra usah mas")
    r"kagak|kaga|kgk|ra)(?!\w)",
    re.IGNORECASE,
)
# A reply that declines without a negation word first: "I've made up my mind, thanks",
# "I'm good, thanks", "I'll pass", "Sudah bulat kak", "udah fix mau berhenti".
_DECLINE_RE = re.compile(
    r"^\W*(?:(?:i'?ve|i\s+have)\s+(?:already\s+)?made\s+up\s+my\s+mind|(?:my\s+)?mind'?s?\s+"
    r"(?:is\s+)?made\s+up|i'?m\s+(?:good|fine|ok(?:ay)?|all\s+set)(?:\W+(?:thanks?|thank\s+you|"
    r"though))?\W*$|i'?ll\s+pass|(?:i'?ve|i\s+have)\s+(?:already\s+)?decided|"
    r"(?:sudah|udah|dah)\s+(?:bulat|fix|final|mantap|yakin|pasti|keputusan)|"
    # "I'd rather not", "Pass, thanks", "Not really, I just want out", "That's not
    # necessary", "Skip aja kak" (from new texts, no dev-set error).
    r"(?:i'?d\s+)?rather\s+not|pass(?:\W+(?:thanks?|thank\s+you|kak|deh|mas|mbak))?\W*$|"
    r"skip\s+(?:aja|saja|dulu|deh)|not\s+(?:really|interested|necessary|needed|for\s+me|"
    r"this\s+time)|(?:that'?s|it'?s)\s+not\s+(?:necessary|needed)|"
    # More shapes (part-L round, from new texts): "Hard pass", "Not today", "That won't be
    # necessary", "My decision is final", "skip kak", "sudah kak, cukup", "udah deh,
    # langsung aja", "lanjut proses berhentinya aja".
    r"hard\s+pass|not\s+(?:today|now|right\s+now|at\s+the\s+moment)(?=\W*$)|(?:that|it)\s+"
    r"(?:won'?t|will\s+not)\s+be\s+(?:necessary|needed)|(?:definitely|absolutely|certainly)\s+"
    r"not|skip(?:\W+(?:kak|kakak|mas|mbak|pak|bu|min|gan|sis))?\W*$|"
    r"(?:(?:sudah|udah|dah)\W+(?:(?:deh|kak|kakak|mas|mbak|pak|bu|min)\W+)*)?cukup(?:\W+(?:kak|"
    r"kakak|mas|mbak|pak|bu|min|ya|deh))*\W*$|(?:(?:sudah|udah|dah)\W+(?:(?:deh|kak|kakak|mas|"
    r"mbak|pak|bu|min)\W+)*)langsung\s+(?:aja|saja)(?:\W+(?:kak|kakak|mas|mbak|pak|bu|min|ya|"
    r"deh))*\W*$|"
    # Part-U round (a class grid from public retention scripts, no dev-set text): "Not a
    # chance", "Not gonna happen", "I'm good, really. Go ahead."
    r"not\s+a\s+chance|no\s+chance|not\s+(?:gonna|going\s+to)\s+happen|not\s+happening|"
    r"i'?m\s+(?:good|fine|ok(?:ay)?|all\s+set)(?:\W+(?:really|honestly|thanks?|thank\s+you|"
    r"though))*\W+(?:(?:just|please)\s+)*(?:go\s+ahead|proceed|cancel|close))(?!\w)",
    re.IGNORECASE,
)
# ... or anywhere in the reply: "Still no.", "I said no.", "That won't change my mind",
# "Terima kasih tawarannya, tapi tidak", "I'm going to pass on that".
_DECLINE_ANY_RE = re.compile(
    r"(?<![\w'])(?:(?:still|said|answer\s+is(?:\s+still)?|again,?)\s+no|(?:won'?t|will\s+not|"
    r"doesn'?t|does\s+not|not\s+going\s+to|isn'?t\s+going\s+to)\s+change\s+my\s+mind|"
    # The offered thing turned down by name (part-K round): "I want a refund, not a voucher",
    # "refund aja, bukan voucher", "I don't want the miles", "nggak mau diskon kak".
    r"(?:not|bukan|no)\s+(?:a|an|the|that|this|any|your|more)?\s*(?:[\w-]+\s+)?(?:vouchers?|"
    r"credits?|discounts?|offers?|deals?|points?|miles|upgrades?|bonus(?:es)?|diskon|poin|promo|"
    r"tawaran|cashback|free\s+months?)(?=\s*(?:[.,!;]|$))|(?:don'?t|do\s+not)\s+want\s+"
    r"(?:a|an|the|that|this|any|your)?\s*(?:[\w-]+\s+)?(?:vouchers?|credits?|discounts?|"
    r"offers?|deals?|points?|miles|upgrades?|bonus(?:es)?)|(?:gak|ga|nggak|ngga|tidak|enggak)\s+"
    r"(?:mau|butuh|perlu)\s+(?:\w+\s+)?(?:voucher|diskon|poin|promo|tawaran|cashback|bonus)|"
    r"(?:it'?s|that'?s)\s+a\s+(?:hard\s+|firm\s+|definite\s+|big\s+|clear\s+)?no(?![\w'-])|decision\s+is\s+(?:final|made)|the\s+answer\s+is\s+"
    r"no|(?:saya|aku|sy)\s+(?:sudah\s+|udah\s+)?bilang\s+(?:berhenti|stop|tutup|cancel|batal)|"
    r"lanjut(?:kan)?\s+proses\s+(?:berhenti\w*|pembatalan\w*|penutupan\w*|cancel\w*)|proses\s+"
    r"(?:berhenti\w*|pembatalan\w*|penutupan\w*|cancel\w*)\s+(?:aja|saja)|"
    r"(?:tapi|tetapi|namun|but)\s+(?:tetap\s+)?(?:tidak|nggak|ngga|gak|enggak|no)(?:\s+(?:dulu|"
    r"deh|ya|kak|mas|mbak|pak|bu|thanks?))*\W*$|(?:going\s+to|gonna|i'?ll|will)\s+pass(?:\s+on\s+"
    r"(?:that|it|this))?(?=\s*(?:[.,!;]|$))|"
    # More ways of declining (part-N round, from new texts): "pass dulu kak", "I'll have to
    # decline", "I'm not changing my mind", "That doesn't interest me".
    r"pass\s+(?:dulu|aja|saja|deh)|(?:i'?ll|i\s+will|i\s+have\s+to|i\s+must|i'?m\s+going\s+to)\s+(?:have\s+to\s+)?"
    r"(?:politely\s+|respectfully\s+)?decline|not\s+changing\s+my\s+mind|(?:doesn'?t|does\s+"
    r"not|don'?t|do\s+not)\s+interest\s+me|"
    # Holding to the decision and asking to go on with it (part-U round): "I'm not
    # budging", "Still want out", "I'll go ahead with the cancellation", "Let's just go
    # ahead", "Just process it", "Diproses aja kak penutupannya", "Lanjutin aja kak
    # pembatalannya" (not "diproses aja diskonnya": that takes the offer).
    r"just\s+want\s+(?:it|this|that|the\s+[\w-]+|my\s+[\w-]+)\s+(?:closed|cancel+ed|gone|ended|"
    r"stopped|terminated|shut(?:\s+down)?)|pass\s+on\s+(?:that|it|this|the\s+offer)|"
    r"not\s+budging|(?:say|said)\s+it\s+again|(?:still\s+|just\s+)?want\s+to\s+(?:leave|quit)(?!\w)|"
    r"(?:nggak|gak|ga|tidak|tak|ndak)\s+(?:akan\s+)?berubah\s+pikiran|(?:won'?t|will\s+not)\s+budge|(?:still\s+)?(?:want|wanna)\s+out"
    r"(?!\s+of\s+(?:the\s+|this\s+)?(?:queue|line|chat))|(?:go\s+ahead|proceed|carry\s+on|"
    r"continue)\s+with\s+(?:the\s+|my\s+)?(?:cancel\w*|clos\w*|termination|request)|"
    r"just\s+(?:process|proceed|go\s+ahead)|(?:di)?proses(?:in)?\s+(?:aja|saja)(?=(?:\s+"
    r"(?:kak|kakak|pak|bu|mas|mbak|ya|deh|min))*\s*(?:(?:pembatalan|penutupan|pemberhentian|"
    r"berhenti|cancel)\w*|[.!]|$))|lanjut(?:in|kan)?\s+(?:(?:aja|saja|kak|kakak|pak|bu|mas|"
    r"mbak)\s+){0,2}(?:pembatalan|penutupan|pemberhentian|berhenti|batal|tutup|cancel)\w*)"
    r"(?![\w'])",
    re.IGNORECASE,
)
# A thanks for the offer and a "but" declines it ("Appreciate it, but I'm moving abroad",
# "Makasih tawarannya kak, tapi udah jarang pake", "Matur nuwun, nanging mboten"), unless
# the reply asks something ("Thanks, but is there a cheaper one?") or accepts.
_THANKS_BUT_RE = re.compile(
    r"^\W*(?:(?:wah|oh|ah|hmm+|well|ok(?:e|ay)?)\W+)?(?:thanks?|thank\s+you|(?:i\s+)?"
    r"appreciate(?:\s+(?:it|that|the\s+offer))?|that'?s\s+(?:very\s+|really\s+)?(?:nice|kind|"
    r"generous|sweet)(?:\s+of\s+you)?|makasih|makasi|mksh|terima\s+kasih|trims|matur\s+"
    r"(?:sembah\s+)?nuwun|hatur\s+nuhun|nuhun)(?![\w'])[^.?!]{0,40}?(?<![\w'])(?:but|tapi|"
    r"tetapi|namun|nanging|ning|mung|ngan)(?![\w'])",
    re.IGNORECASE,
)
# Repeating the request in few words after an offer: "berhentiin aja", "stop aja kak",
# "tetep bade eureun", "tetap mandheg mawon".
_REPEATS_REQUEST_RE = re.compile(
    r"(?<![\w'])(?:(?:berhentiin|stopin|setopin|udahin|udahan|stop|tutup|cancel|batalin|unsub|putus|putusin|"
    r"eureun|mandheg|batal|cabut|keluar)\s+(?:aja|saja|wae|ae|mawon|deh)|tet[ae]p\s+(?:\w+\s+)?"
    r"(?:eureun|mandheg|mandeg|batal\w*|berhenti|tutup|ditutup|cancel|stop|unsub|cabut|keluar|"
    r"resign|quit|udahan))(?![\w'])",
    re.IGNORECASE,
)


# A "no" that opens a question of what the agent means (part-U round): "No wait, which card
# do you mean?", "Eh bentar, yang mana kak?" - it refuses nothing yet (docs/tone.md: "no, the
# other card" is no refusal); the offer stays open for the agent's answer.
_CLARIFIES_RE = re.compile(
    r"^\W*(?:no|nope|nggak|ngga|gak|ga|tidak|bukan|eh|wait)\W+(?:wait|hold\s+on|sorry|sori|maaf|"
    r"bentar|tunggu|sebentar|which|what\s+do\s+you\s+mean|maksud(?:nya)?|yang\s+mana|"
    r"mana\s+yang)(?!\w)[^.!]*\?",
    re.IGNORECASE,
)


# The customer has decided (part-N round): "Saya udah mutusin mas", "udah decide kak" -
# a refusal unless what was decided is to take the offer ("udah mutusin, ambil yang 49rb").
_DECIDED_RE = re.compile(
    r"(?<![\w'])(?:sudah|udah|dah)\s+(?:mutusin|memutuskan|diputuskan|decided?)(?![\w'])",
    re.IGNORECASE,
)
# "Thanks, but let me think about it", "Makasih, tapi aku pikir-pikir dulu": undecided.
_THINKING_RE = re.compile(
    r"(?<!\w)(?:pikir|think|consider|mull|timbang|let\s+me\s+see|later|nanti\s+(?:dulu|aku|"
    r"saya|kukabari|saya\s+kabari))",
    re.IGNORECASE,
)


def _thanks_but(text: str) -> bool:
    """A reply that thanks for the offer and declines it, or repeats the request."""
    if "?" in text:
        return False
    if _REPEATS_REQUEST_RE.search(text) is not None:
        return True
    return (
        _THANKS_BUT_RE.match(text) is not None
        and _ACCEPT_RE.search(text) is None
        and _THINKING_RE.search(text) is None
    )


# Accepting an offer ("nggak apa-apa deh, aku ambil", "no problem, I'll take it", "boleh",
# "oke deal") is no refusal, even when it starts with a negation word.
_ACCEPT_RE = re.compile(
    expand(
        r"(?<![\w'])(?:{tidak}\s*(?:apa-?\s*apa|masalah|papa)|gapapa|gpp|mboten\s+(?:napa|"
        r"menapa|nopo|punapa)|teu\s+nanaon|no\s+problem|ambil|boleh|deal|"
        r"setuju|sounds\s+good|that\s+works|i'?ll\s+(?:take|accept|try|have)|let'?s\s+do|"
        r"(?:{mau}|coba)\s+(?:deh|dong|coba)|(?:sure|yes|ok|oke|okay),?\s+(?:please|i'?ll|"
        r"let'?s|deal|boleh|{mau}))(?![\w'])"
    ),
    re.IGNORECASE,
)
# "I'd like to end my phone contract": the stop and what is stopped (not "stop by").
_WANTS_TO_STOP_RE = re.compile(
    r"(?:like|prefer|rather)\s+(?:to\s+)?(?:cancel|close|end|stop)\s+(?:my|the|this|our)\s+"
    r"(?:[\w-]+\s+){0,2}(?:subscription|membership|plan|contract|account|card|service|policy|"
    r"order|booking|insurance|trial|add-?on|deliveries|delivery)(?!\w)",
    re.IGNORECASE,
)
# A "yes" to "are you sure?" keeps the cancellation (so refuses the offer).
_YES_SURE_RE = re.compile(
    r"^\W*(?:ya|iya|yes|yep|yeah|yakin|sure|pasti|betul|absolutely|definitely|beneran|serius|"
    r"really|positive)(?![\w'])",
    re.I,
)
# A loss accepted refuses the offer (part-L round): "Sayang kak, poinnya hangus" -
# "gapapa kak"; "Are you sure? You'll lose your playlists." - "That's fine."; unless the
# rest of the reply takes something offered ("gapapa kak, ambil yang 49rb").
_LOSS_OK_RE = re.compile(
    expand(
        r"^\W*(?:gapapa|gpp|ga\s*papa|{tidak}\s*(?:apa-?\s*apa|apa2|papa|masalah)|ndak\s+"
        r"apa-?apa|biar(?:in)?(?:\s+(?:aja|saja))?|ikhlas|rela|that'?s\s+(?:fine|ok(?:ay)?|"
        r"alright|all\s+right)|it'?s\s+(?:fine|ok(?:ay)?|alright)|fine\s+by\s+me|"
        r"(?:i\s+)?(?:don'?t|do\s+not)\s+(?:mind|care)|(?:it\s+)?doesn'?t\s+matter|"
        r"no\s+problem|not\s+a\s+problem)(?![\w'])"
    ),
    re.IGNORECASE,
)


def _accepts_loss(offer: str, reply: str) -> bool:
    """The reply accepts the loss or the "are you sure" the offer held, and takes nothing."""
    if LOSS_RE.search(offer) is None and not asks_sure(offer):
        return False
    match = _LOSS_OK_RE.match(reply)
    return match is not None and _ACCEPT_RE.search(reply, match.end()) is None


def with_markers(item: TurnAnalysis, extra: list[Marker], acts: set[str]) -> TurnAnalysis:
    """``item`` with the markers and acts added, its politeness recomputed."""
    markers = tuple(sorted((*item.markers, *extra), key=lambda m: (m.start, m.end)))
    merged = set(item.acts) | acts
    ordered = tuple(a for a in ACT_ORDER if a in merged)
    return replace(item, markers=markers, acts=ordered, politeness=politeness_of(markers))


# Not continuing what the customer holds asks to stop it (part-L round, from new texts):
# "nggak mau lanjut langganan lagi", "gausah perpanjang paket saya", "jangan diperpanjang
# lagi ya langganan saya", "paketnya nggak usah diperpanjang". The refusal words come first
# in the marker lexicon, so the conversation pass reads it ("saya masih mau lanjut
# langganan" is none; a condition or a question about the policy is none either).
_STOP_CONTINUING_RE = re.compile(
    r"(?<!\w)(?:(?:nggak|ngga|gak|ga|gk|tidak|tdk|ndak|enggak|gausah|jangan)\s+(?:(?:mau|ingin|"
    r"usah|perlu)\s+)?(?:di)?(?:lanjut(?:kan|in)?|melanjutkan|perpanjang|memperpanjang|terusin|"
    r"meneruskan|renew)\s+(?:[\w-]+\s+){0,2}?(?:langganan|berlangganan|paket|membership|member|"
    r"kontrak|polis|keanggotaan|layanan|asuransi|autodebet)|(?:langganan|paket|membership|"
    r"kontrak|polis|keanggotaan|layanan)\w*\s+(?:[\w-]+\s+){0,2}(?:jangan|nggak\s+usah|gak\s+"
    r"usah|ga\s+usah|gausah|tidak\s+usah|tidak\s+perlu)\s+(?:di)?(?:lanjut\w*|perpanjang\w*|"
    r"terusin))(?!\w)",
    re.IGNORECASE,
)


def _stops_continuing(text: str) -> re.Match[str] | None:
    match = _STOP_CONTINUING_RE.search(text)
    if match is None or about_cancelling(text, match.start(), match.end()):
        return None
    return match


def read_cancellations(items: list[TurnAnalysis]) -> None:
    """Customer messages' requests in polite question form or the passive, in place: the
    per-utterance pass gives them the act (``cancellation.polite_request``, the rule both
    passes share, as is the one that drops questions about the policy or the procedure);
    here they get the marker too, so that their politeness is read as a service act's."""
    for position, item in enumerate(items):
        if item.kind != "message" or item.role != "customer":
            continue
        if any(m.label == CANCEL_LABEL for m in item.markers):
            continue
        match = polite_request(item.text) or _stops_continuing(item.text)
        if match is not None:
            marker = Marker("act", CANCEL_LABEL, match.group(), match.start(), match.end())
            items[position] = with_markers(item, [marker], {CANCEL_LABEL})


# The customer's own question for an alternative (part-T round): "Tapi paket yang lebih
# murah ada nggak?", "Is there anything smaller though?", "bisa pindah paket aja?". The
# agent's answer gives what was asked for; it offers nothing to keep the customer.
_ASKS_ALTERNATIVE_RE = re.compile(
    r"(?<!\w)(?:(?:lebih|yg|yang)\s+(?:murah|hemat|kecil|ringan|terjangkau)|paket\s+lain|"
    r"(?:pindah|ganti|turun)\s+(?:ke\s+)?paket|cheaper|smaller|less\s+expensive|"
    r"(?:other|another|different|smaller|basic|lower)\s+(?:plan|package|tier|option)s?|"
    r"downgrade|switch\s+(?:to|plans?)|anything\s+(?:smaller|cheaper))(?!\w)",
    re.IGNORECASE,
)


def _asked_for(item: TurnAnalysis | None) -> bool:
    """The customer's message asks for an alternative, as a question."""
    return (
        item is not None
        and item.role == "customer"
        and ("question" in item.acts or "?" in item.text)
        and _ASKS_ALTERNATIVE_RE.search(item.text) is not None
    )


def context_acts(
    items: list[TurnAnalysis],
) -> tuple[int | None, list[int], int | None, bool]:
    """Cancellation, offers and refusals in context: the first request, the offers at or
    after it, the first clear refusal of an offer, and whether it was explicit. A customer
    reply to an offer that starts with a negation, declines in other words or repeats the
    request is a refusal (marked in ``items``), unless it accepts the offer."""
    read_cancellations(items)
    for position, item in enumerate(items):
        # "I'd like to end my contract" is read as a refusal by the lexicon (the phrase is
        # one); before any offer it asks to stop, so it is a cancellation request as well.
        wants_to_stop = (
            any(m.label == "refusal" for m in item.markers)
            and _WANTS_TO_STOP_RE.search(item.text) is not None
        )
        if item.role == "customer" and wants_to_stop and CANCEL_LABEL not in item.acts:
            items[position] = with_markers(item, [], {CANCEL_LABEL})
    cancel_turns = [
        i.index
        for i in items
        if i.kind == "message" and i.role == "customer" and CANCEL_LABEL in i.acts
    ]
    first_cancel = cancel_turns[0] if cancel_turns else None
    offers: list[int] = []
    first_refusal: int | None = None
    explicit_refusal = False
    offer_pending = asked_sure = False
    offer_text = ""
    last_customer: TurnAnalysis | None = None
    for position, item in enumerate(items):
        if item.kind != "message" or first_cancel is None or item.index < first_cancel:
            continue
        if item.role == "agent" and _asked_for(last_customer):
            acts = tuple(a for a in item.acts if a != "retention_offer")
            item = items[position] = replace(item, acts=acts)
            continue
        if item.role == "customer":
            last_customer = item
        offered = item.role == "agent" and offered_in_context(item)
        if item.role == "agent" and not offered and negated_offer(item):
            acts = tuple(a for a in item.acts if a != "retention_offer")
            item = items[position] = replace(item, acts=acts)
        if offered and "retention_offer" not in item.acts:
            item = items[position] = with_markers(item, [], {"retention_offer"})
        if item.role == "agent" and "retention_offer" in item.acts:
            offers.append(item.index)
            offer_pending = True
            asked_sure = asks_sure(item.text)
            offer_text = item.text
        elif item.role == "customer" and offer_pending:
            # "Are you sure?" - "Iya yakin, tolong ditutup": a yes keeps the cancellation.
            explicit = (
                "refusal" in item.acts
                or CANCEL_LABEL in item.acts
                or _DECLINE_RE.match(item.text) is not None
                or _DECLINE_ANY_RE.search(item.text) is not None
                or (
                    asked_sure
                    and _YES_SURE_RE.match(item.text) is not None
                    and _ACCEPT_RE.search(item.text) is None  # "Yes please, the discount"
                )
                or _thanks_but(item.text)
                or _accepts_loss(offer_text, item.text)
                or (
                    _DECIDED_RE.search(item.text) is not None
                    and _ACCEPT_RE.search(item.text) is None
                )
            )
            accepts = not explicit and _ACCEPT_RE.search(item.text) is not None
            refuses = explicit or (
                not accepts
                and _NEGATION_START_RE.match(item.text) is not None
                and _CLARIFIES_RE.match(item.text) is None
            )
            if refuses:
                if "refusal" not in item.acts:
                    items[position] = with_markers(item, [], {"refusal"})
                if first_refusal is None:
                    first_refusal = item.index
                    explicit_refusal = explicit
            # A question about the offer ("diskonnya berapa lama?", "Would that renew
            # automatically?") neither takes nor declines it: the offer stays open, so a
            # "no" after the agent's answer refuses it.
            offer_pending = not refuses and not accepts and "question" in item.acts
    return first_cancel, offers, first_refusal, explicit_refusal
