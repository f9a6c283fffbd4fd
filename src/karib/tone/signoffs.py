"""The agent's sign-off: the words, wishes and farewells that close the agent's message
(closing phrases the marker lexicon does not carry, good luck, wishes of the time of day,
"you're welcome" in other words, a religious reply) and what may follow a closing thanks
(an address, an intensifier, "for chatting with us", an automated note). A thanks that
opens an information message is no sign-off. Whether a sign-off ends the conversation is
decided in state.py, which first asks whether the message awaits an answer. Split from
state.py.
"""

from __future__ import annotations

import re

from karib.tone.autoreplies import auto_note_start
from karib.tone.normalize import expand
from karib.tone.records import TurnAnalysis

# A sign-off of the agent: closing phrases, wishes, "sama-sama", an offer of more help.
AGENT_SIGN_OFF = frozenset({"closing", "wishes", "welcome"})
# After the agent's question, these close the message (a dismissal too: "Mau hemat? Ya
# udah, terserah." ends it on the agent's side).
SIGN_OFF_LABELS = frozenset(
    {"thanks", "closing", "wishes", "welcome", "offer_help", "dismissive", "religious"}
)
# A word: letters only (no digits, no underscore).
WORD_RE = re.compile(r"[^\W\d_]+")
# Agent sign-offs the marker lexicon does not carry: "Senang saya dapat membantu", "Saya
# di sini untuk membantu", driving and travel wishes ("mengemudilah dengan hati-hati",
# "nikmati perjalananmu", "Sama-sama dan hati-hati"), Sundanese and Javanese farewells
# ("wilujeng sonten", "sugeng dalu"), "ditunggu kedatangannya" (not
# "ditunggu transferannya / orderannya": that awaits the customer).
_AGENT_CLOSING_RE = re.compile(
    r"(?<!\w)(?:senang\s+(?:sekali\s+)?(?:saya|kami)\s+(?:bisa|dapat)\s+membantu|"
    r"(?:saya|kami)\s+(?:di\s*sini|ada)\s+untuk\s+membantu|glad\s+(?:i|we)\s+could\s+help|"
    r"(?:mengemudi|berkendara|berkemudi|menyetir|nyetir)(?:lah)?\s+(?:dengan\s+)?hati-hati|"
    r"(?:drive|travel)\s+safe(?:ly)?|enjoy\s+the\s+rest\s+of\s+your|have\s+a\s+good\s+one|"
    r"nikmati\s+perjalanan\w*|selamat\s+jalan|"
    r"ditunggu\s+(?:kedatangan|kunjungan|rawuh)\w*|ditunggu\s+(?:pesanan|order(?:an)?)\w*\s+"
    # ... "next" in Minang too, and "lagi" (part-N round: "Ditunggu orderan berikuiknyo
    # yo!", "ditunggu orderannya lagi ya kak"; not "ditunggu orderannya": that awaits it)
    r"(?:berikutnya|selanjutnya|berikuik\w*|salanjuik\w*|lagi)|"
    r"sampai\s+ketemu|see\s+you|wilujeng\s+tepang|sugeng\s+tindak|"
    # Hoping to have the customer back (part-Q round): "We hope to welcome you another
    # time!", "we look forward to serving you again", "hoping to host you next time"; not
    # "we look forward to hearing from you" (that awaits the customer).
    r"(?:hope|hoping|look(?:ing)?\s+forward)\s+to\s+(?:welcom|serv|host|hav|see)\w*\s+you\s+"
    r"(?:(?:here\s+|with\s+us\s+)?(?:again|another\s+time|next\s+time|soon|back))|"
    r"semoga\s+(?:bisa\s+|dapat\s+)?(?:bertemu|berjumpa|ketemu|melayani\s+\w+)\s+"
    r"(?:lagi|kembali|di\s+lain\s+waktu)|"
    # An offer of more help on a condition: "kalau ada pertanyaan lain kabari ya", "jika
    # masih ada yang ingin ditanyakan, silakan hubungi kami", "If you need anything else,
    # just let us know", "if you have any other questions, feel free to reach out".
    r"(?:kalau|kalo|klo|jika|bila|apabila)\s+(?:masih\s+(?:ada|butuh|perlu)(?:\s+[\w-]+){0,3}|"
    r"(?:ada|butuh|perlu)\s+(?:[\w-]+\s+){0,3}?(?:lain|lagi|apa-?apa)(?:\s+[\w-]+){0,2})"
    r"[\s,]+(?:\w+\s+){0,2}?"
    r"(?:kabari|kabarin|hubungi|hubungin|chat|tanya(?:kan)?|info(?:kan|in)?|kontak|japri)|"
    r"if\s+(?:you\s+)?(?:need|have|there'?s|there\s+is)\s+(?:anything|any\s+(?:other|more|"
    r"further)\s+(?:questions?|issues?|help))(?:\s+[\w']+){0,3}[\s,]+(?:\w+\s+){0,2}?"
    r"(?:let\s+(?:us|me)\s+know|ask|reach\s+out|get\s+in\s+touch|contact\s+us|message\s+"
    r"us|feel\s+free))(?!\w)|"
    # "Enjoy!" / "Enjoy the free month." opening the last sentence.
    r"(?:^|[.!]\s+|\s-\s)enjoy(?:\s+(?:the|your)\s+[^.!?]{1,40})?[\s\W]*$|"
    r"(?<!\w)hati-hati(?:\s+(?:ya|di\s+jalan))?\W*$|"
    # "Cheers!" ending the agent's message.
    # (The space after the stop is a lookahead: "\s+\W*" split a run of spaces every way,
    # quadratic on a long one.)
    r"(?:^|[.!](?=\s))\W*cheers\W*$",
    re.IGNORECASE,
)
# Good luck wished at the end of the message, opening its last clause (part-Q round:
# "sukses terus kak! 🙌", "Hatur nuhun sudah jadi member, sukses kuliahnya!", "Semoga
# sukses selalu"); not "Pembayaran sukses ya kak" or "transaksinya sukses semuanya".
_SUCCESS_WISH_RE = re.compile(
    r"(?:^|[.!,;]|\s-)\s*(?:semoga\s+|dan\s+)?(?:sukses|lancar|berkah)\s+(?:terus|trus|trs|"
    r"selalu|slalu|[^\W\d_]{3,}nya)(?!\w)",
    re.IGNORECASE,
)
# Javanese and Sundanese wishes of the time of day, a farewell as much as a greeting: a
# sign-off only where they do not open a message with more to say (part-N round: "Sugeng
# siang Mas 🙏 Masih ready Mas. Harganya ..." greets; "Matur nuwun, sugeng siang" and a
# bare "Sugeng dalu Mas 🙏" sign off).
_TIME_FAREWELL_RE = re.compile(
    r"(?<!\w)(?:wilujeng\s+(?:enjing|siang|sonten|wengi)|sugeng\s+(?:enjing|siang|sonten|"
    r"dalu))(?!\w)",
    re.IGNORECASE,
)
# A reply to the customer's thanks or closing that is a "you're welcome" in other words:
# "Tidak masalah", "Tentu saja", "No problem", "Anytime". Only there: elsewhere it answers a
# question ("Boleh bayar besok?" - "Tidak masalah").
_WELCOME_REPLY_RE = re.compile(
    expand(
        r"^\W*(?:{tidak}\s+masalah|tentu(?:\s+saja)?|no\s+problem|not\s+at\s+all|any\s*time|"
        r"no\s+worries|of\s+course|sure\s+thing)"
        r"(?![\w'])"
    ),
    re.IGNORECASE,
)
# After a closing thanks: an address, emoji, punctuation ("Terima kasih kak 🙏", "Thanks!").
# An intensifier may come between ("Makasih banyak kak 🙏", "Thank you so much!").
# So may a time-of-day farewell ("Terima kasih, selamat siang.") and "for <doing> it" in at
# most two more words / "for your order" ("Thanks for reading with us.", "Thanks for trying
# us out!"; not "Thanks for waiting, your order ...").
_TRAILING_RE = re.compile(
    # Javanese "sanget", Sundanese "pisan" / "seueur" intensify too (part-Q round:
    # "Matur nuwun sanget, Mas.", "Hatur nuhun pisan Teh").
    r"(?:[\s\W]*(?:banyak|sekali|ya+|nggih|juga|again|so\s+much|a\s+lot|very\s+much|"
    r"sanget|pisan|seueur|sangat|bgt|banget|"
    # "and" may join the farewell of the time of day (part-UV round: "Terima kasih dan
    # selamat siang, Pak.", "Thank you and good day").
    r"(?:(?:dan|and)\s+)?(?:selamat\s+(?:pagi|siang|sore|malam)|good\s+day)|"
    r"for\s+\w+ing(?:\s+[\w']+){0,2}|"
    r"today|hari\s+ini|"
    r"for\s+your\s+(?:order|purchase|custom|business|visit)|"
    # "Terima kasih sudah berlangganan 🙏", "Hatur nuhun parantos langganan salami ieu",
    # "Matur nuwun sampun pinarak": what the customer did, in at most four words, ending
    # the message ("Terima kasih sudah menunggu, sudah kami kirim" is news). "All this
    # time" may follow, and so may a farewell of the time of day (part-M round: "Hatur
    # nuhun tos ngalaundry di urang salami ieu", "Terima kasih sudah menggunakan NetKita,
    # selamat malam").
    # An address may come before the farewell (part-N round: "Terima kasih sudah
    # menggunakan Telkonet, Kak. Selamat sore!").
    r"(?:sudah|telah|udah|atas|parantos|sampun|tos|atos)(?:\s+[\w-]+){1,4}(?:\s+(?:selama\s+"
    r"ini|salami\s+ieu))?(?=[\s\W]*(?:(?:kak|kakak|bapak|pak|ibu|bu|mas|mbak)\.?(?:\s+"
    r"(?-i:[A-Z][a-z]+))?(?!\w)[\s\W]*)?(?:$|selamat\s+(?:pagi|siang|sore|malam)(?!\w)))|"
    # The customer's name after the address, ending the message ("Terima kasih Pak Andi",
    # "Thank you, Mrs Tan"; part-M round) or before a farewell of the time of day (part-N
    # round).
    r"(?:kak|kakak|bapak|pak|ibu|bu|mas|mbak|sir|madam|mr|mrs|ms)\.?\s+(?-i:[A-Z][a-z]+)"
    r"(?=[\s\W]*(?:$|selamat\s+(?:pagi|siang|sore|malam)(?!\w)))|"
    # An apology closing the thanks: "Thanks for bearing with us, and sorry again.",
    # "Terima kasih, mohon maaf sekali lagi ya kak" (at most five more words, to the end).
    r"(?:and\s+|dan\s+)?(?:again\s+|sekali\s+lagi\s+)?(?:sorry|apologies|(?:mohon\s+)?maaf)"
    r"(?:\s+[\w'-]+){0,5}(?=[\s\W]*$)|"
    # Sundanese, Javanese, Batak and Minang forms of address too (part-Q round: "Hatur
    # nuhun, sukses kuliahnya Teh!").
    # An address may be lengthened (part-UV round: "Makasih banyak kakk 🙏", "kaak").
    r"ka+k*|kakak+|bapak|pak|ibu|bu|bapak/ibu|sir|madam|mas|mbak|sis|gan|teh|teteh|aa|akang|"
    r"kang|neng|bang|abang|uda|uni|bli|mbok|dek|adik)\b)*[\s\W]*",
    re.IGNORECASE,
)
_THANKS_START_RE = re.compile(r"(?:terima|thank|makasih|trims|thanks|matur|hatur)", re.IGNORECASE)
_OPENER_LABELS = frozenset({"greeting", "address"})
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$)|\n")


def holds_closing_words(text: str) -> bool:
    """The text holds a closing phrase (``_AGENT_CLOSING_RE``), a farewell of the time of
    day, good luck wished at its end, or an automated note closing it: after a question or
    a thanks, the message closes rather than informs."""
    return (
        _AGENT_CLOSING_RE.search(text) is not None
        or _time_farewell(text)
        or _SUCCESS_WISH_RE.search(text) is not None
        or auto_note_start(text) is not None
    )


def thanks_opens_information(item: TurnAnalysis) -> bool:
    """A "thanks for contacting us" opening the message, information after it and no other
    closer (part-Q round: a WhatsApp Business greeting "Terima kasih sudah menghubungi kami.
    Jam operasional kami Senin-Jumat 08.00-17.00.", "Thanks for contacting us! Your refund
    was sent to your card."): a thanks that opens an information message is no sign-off
    (labelling definitions). "Thank you for calling. Have a nice day." still closes, and
    so does any thanks after the customer's own closing ("ok makasih" - "Terima kasih telah
    mempercayakan kendaraan Anda. Nilai layanan kami di ...")."""
    closers = [m for m in item.markers if m.label in SIGN_OFF_LABELS or m.label == "religious"]
    if not closers or any(
        m.label not in ("closing", "thanks") or _THANKS_START_RE.match(m.text) is None
        for m in closers
    ):
        return False
    first = min(m.start for m in closers)
    openers = [m for m in item.markers if m.label in _OPENER_LABELS and m.end <= first]
    before = item.text[:first]
    for marker in sorted(openers, key=lambda m: m.start, reverse=True):
        before = before[: marker.start] + before[marker.end :]
    if WORD_RE.search(before) is not None:
        return False
    last = max(m.end for m in closers)
    end = _SENTENCE_END_RE.search(item.text, last)
    if end is None:
        return False
    rest = item.text[end.end() :]
    # What is left once the greetings and addresses are taken out ("Selamat siang." after
    # the thanks is a farewell of the time of day, not information).
    cut = end.end()
    for marker in sorted(item.markers, key=lambda m: m.start, reverse=True):
        if marker.start >= cut and marker.label in _OPENER_LABELS:
            rest = rest[: marker.start - cut] + rest[marker.end - cut :]
    # Read from its first word: "Enjoy ..." opening the rest closes (part-UV round:
    # "Thanks for your patience, and sorry again. Enjoy the rest of the season!").
    return len(WORD_RE.findall(rest)) >= 2 and not holds_closing_words(rest.lstrip())


def reads_as_sign_off(item: TurnAnalysis, *, after_closing: bool) -> bool:
    """The agent's message reads as a sign-off (``state.agent_signs_off`` first rules out a
    message that awaits an answer, an auto-reply and a thanks opening information): a
    closing act, wishes, "sama-sama", or a thanks that ends the message ("... ready soon.
    Thank you!"). ``after_closing``: the customer's message before it thanked or closed
    ("Sudah semuanya"), so "Tidak masalah" / "No problem" is a welcome and "Aamiin ya Bu"
    a farewell."""
    if "closing" in item.acts or {m.label for m in item.markers} & AGENT_SIGN_OFF:
        return True
    if _AGENT_CLOSING_RE.search(item.text) is not None or _time_farewell(item.text):
        return True
    wishes = _SUCCESS_WISH_RE.finditer(item.text)
    if any(_TRAILING_RE.fullmatch(item.text, m.end()) for m in wishes):
        return True
    if after_closing and _religious_reply(item):
        return True
    if after_closing:
        # The whole message, but for an address or emoji ("Tentu saja kak 🙏"); "Tentu,
        # kami kirim besok" is information.
        welcome = _WELCOME_REPLY_RE.match(item.text)
        if welcome is not None and _TRAILING_RE.fullmatch(item.text[welcome.end() :]):
            return True
    thanks = [m for m in item.markers if m.label == "thanks"]
    if not thanks:
        return False
    tail = item.text[thanks[-1].end :]
    if _TRAILING_RE.fullmatch(tail) is not None:
        return True
    note = auto_note_start(tail)
    return note is not None and _TRAILING_RE.fullmatch(tail[:note]) is not None


def _religious_reply(item: TurnAnalysis) -> bool:
    """The whole message is a religious reply ("Waalaikumsalam", "Aamiin ya Bu 🙏"), with an
    address or emoji at most: answering the customer's closing salam or wishes, it is the
    agent's farewell (part-Q round)."""
    religious = [m for m in item.markers if m.label == "religious"]
    if not religious:
        return False
    rest, cut = [], 0
    for marker in religious:
        rest.append(item.text[cut : marker.start])
        cut = marker.end
    rest.append(item.text[cut:])
    return _TRAILING_RE.fullmatch(" ".join(rest)) is not None


def _time_farewell(text: str) -> bool:
    """A wish of the time of day (``_TIME_FAREWELL_RE``) after other words, or with only an
    address, emoji or punctuation after it."""
    return any(
        WORD_RE.search(text, 0, m.start()) is not None
        or _TRAILING_RE.fullmatch(text, m.end()) is not None
        for m in _TIME_FAREWELL_RE.finditer(text)
    )


def thanks_closes(text: str, start: int, end: int) -> bool:
    """``text[start:end]``, after a thanks, holds only what a closing thanks ends on: an
    address, an intensifier, "for chatting with us", a farewell of the time of day."""
    return _TRAILING_RE.fullmatch(text, start, end) is not None
