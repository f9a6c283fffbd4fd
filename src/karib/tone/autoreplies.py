"""Messages a machine writes for the business, read apart from what a person writes: the
away or greeting auto-reply that promises the answer later (a WhatsApp Business away
message, "Pesan Anda sudah kami terima dan akan dibalas ..."), and the automated note that
closes a message ("Pesan ini dikirim otomatis.", "This is an automated message, please do
not reply."). Split from state.py, whose sign-off and awaiting rules read them.
"""

from __future__ import annotations

import re

from karib.tone.records import TurnAnalysis

# An auto-reply that promises the answer later ("Pesan Anda akan kami balas pada jam
# kerja", "Admin akan segera membalas", "we're currently closed"): no sign-off, whatever
# thanks it carries; the customer's question still awaits its answer.
_AWAY_RE = re.compile(
    r"(?<!\w)(?:(?:pesan|chat|message)\w*\s+(?:\w+\s+){0,3}(?:akan|will|shall)\s+(?:\w+\s+){0,2}"
    r"(?:dibalas|balas|direspon|direspons|ditanggapi|dijawab|replied|answered|responded)|"
    r"(?:admin|cs|tim|team)\s+(?:kami\s+)?(?:akan\s+)?segera\s+(?:membalas|merespon|"
    r"menghubungi|menjawab)|di\s*luar\s+jam\s+(?:operasional|kerja|layanan|buka)|outside\s+"
    r"(?:of\s+)?(?:our\s+)?(?:business|office|working|opening)\s+hours|"
    r"sedang\s+(?:tutup|offline|libur)|(?:we\s+are|we'?re)\s+(?:currently\s+)?"
    r"(?:closed|away|offline|out\s+of\s+(?:the\s+)?office)|"
    r"(?:we'?ll|we\s+will|i'?ll|i\s+will)\s+(?:reply|respond|get\s+back\s+to\s+you)\s+"
    r"(?:as\s+soon\s+as|during|within|when|on|tomorrow|in\s+the\s+morning)|"
    # The verb first, and the message received (part-O round): "Kami akan membalas pesan
    # Anda sesegera mungkin", "Pesan Anda sudah kami terima dan akan dibalas ...", "Your
    # message has been received".
    r"(?:akan|will)\s+(?:segera\s+)?(?:membalas|menjawab|merespons?|menanggapi|reply\s+to|"
    r"respond\s+to|answer)\s+(?:pesan|chat|pertanyaan|message|your\s+(?:message|question))|"
    r"(?:pesan|chat|message)s?\s+(?:anda|kakak|kamu|bapak|ibu|your\s+\w+\s+)?\s*"
    r"(?:sudah|telah|has\s+been|have\s+been)\s+(?:kami\s+)?(?:terima|diterima|received))"
    r"(?!\w)",
    re.IGNORECASE,
)
# An automated note closing a sign-off ("Terima kasih sudah mencuci di Laundry Bersih.
# Pesan ini dikirim otomatis.", "Thanks for your order! This is an automated message,
# please do not reply."): read the sign-off without it.
_AUTO_NOTE_TAIL_RE = re.compile(
    # It starts where the text does or after a word (where the leftmost match starts anyway):
    # tried inside a run of spaces too, it was quadratic on a long one.
    r"(?:^|(?<=\w))(?:[\s\W]*(?:(?:pesan|chat|balasan)\s+ini\s+(?:\w+\s+){0,2}(?:dikirim|dibuat|terkirim)\s+"
    r"(?:secara\s+)?otomatis|(?:ini\s+)?(?:adalah\s+)?(?:pesan|balasan)\s+otomatis|"
    r"(?:mohon|harap|dimohon)\s+(?:untuk\s+)?(?:tidak|jangan)\s+membalas(?:\s+pesan\s+ini)?|"
    r"this\s+(?:is\s+an?\s+)?(?:automated|automatic|auto-?generated)\s+(?:message|reply|"
    r"notification)|this\s+message\s+(?:was|is|has\s+been)\s+(?:sent\s+|generated\s+)?"
    r"automatically(?:\s+sent|\s+generated)?|(?:please\s+)?do\s+not\s+reply(?:\s+to\s+this\s+"
    r"(?:message|number|email))?)[\s\W]*)+$",
    re.IGNORECASE,
)


def away_reply(item: TurnAnalysis) -> bool:
    """An auto-reply that promises the answer later (``_AWAY_RE``: a WhatsApp Business
    greeting or away message, "Pesan Anda sudah kami terima dan akan dibalas ...")."""
    return _AWAY_RE.search(item.text) is not None


def auto_note_start(text: str) -> int | None:
    """Where an automated note closing the text starts (``_AUTO_NOTE_TAIL_RE``), if one
    does."""
    note = _AUTO_NOTE_TAIL_RE.search(text)
    return None if note is None else note.start()
