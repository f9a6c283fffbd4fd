"""Bare commands: an agent turn made only of orders to the customer (part-P round,
docs/tone.md).

The labelling definitions count "bare commands" among the curt wordings of a tone shift
("the agent's wording turns curt (dismissive, blaming, rude, bare commands) ..."), not among
those of ``curt_language`` (dismissal, blame, rude words). The per-utterance pass marks a
turn that opens with an imperative and has no softener (``bare_imperative``), which only
lowers the politeness mean; a turn can open with an order and go on to inform ("Cek email,
link reset sudah kami kirim"). Here the whole turn is read: every sentence is an order
("Tunggu.", "Then wait.", "Kirim resinya.") or a bare demand for the customer's data
("Student ID number.", "Nomor resi."), there is no softener (please, thanks, an apology, a
form of address, a smiling emoji, a particle "ya") and no question. Such a turn after the
agent's own courtesy (``analysis._tone_shift``) is the shift the definition describes:
"Hello Liam, I'm sorry for the trouble." ... "Student ID number. Then wait."

An instruction that explains ("Restart the router, then the light turns green"), a
holding reply with a softener ("Tunggu sebentar ya kak"), or an order with a reason after
it ("Kirim resinya biar saya cek") is no bare command: each has a sentence that is not
an order alone.
"""

from __future__ import annotations

import re

from karib.tone.lexicon import IMPERATIVE_RE
from karib.tone.records import Marker, TurnAnalysis

LABEL = "bare_commands"
# At most this many words in the turn: a longer turn informs as well.
MAX_WORDS = 12

_SENTENCE_RE = re.compile(r"[^.!?\n;]+")
# A link word before the order: "Then wait.", "Lalu tunggu.", "Habis itu bayar."
_LEAD_RE = re.compile(
    r"^\W*(?:then|and|now|next|after\s+that|lalu|terus|trus|habis\s+itu|setelah\s+itu|"
    r"sekarang|abis\s+itu)\W+",
    re.IGNORECASE,
)
# Orders of the imperative pattern (``lexicon.IMPERATIVE``) and demands of the customer's
# things: "Kirim resinya.", "Bawa KTP.", "Send the receipt.", "Give me the order number."
_DEMAND_RE = re.compile(
    r"^\W*(?:kirim(?:kan)?|bawa|kasih|berikan|sebutkan|masukkan|upload|unggah|lampirkan|"
    r"transfer|send|give|provide|bring|submit|tell\s+me|enter|type|"
    # Part-R round: the steps of a troubleshooting turn and orders not to do something
    # ("Send error log. Clear cache browser. Login ulang. Kabari hasilnya.", "Check
    # tracking. Wait. Don't message again."); words that also inform ("buka", "tutup",
    # "datang", "masuk") are left out: "Tutup jam 9. Buka jam 7." is opening hours.
    r"clear|restart|reboot|reinstall|uninstall|install|update|reset|refresh|log\s*in|"
    r"log\s*out|sign\s+in|sign\s+out|delete|remove|try|attach|download|stop|"
    r"don'?t|do\s+not|never|kabari(?:n|kan)?|infokan|infoin|login|logout|hapus|coba|instal|"
    r"uninstal|perbarui|unduh|ganti|matikan|nyalakan|jangan|ulangi)(?!\w)",
    re.IGNORECASE,
)
# A bare noun phrase naming the customer's data, the order left out: "Student ID number.",
# "Nomor resi.", "Nomor kartu.", "Order number and e-mail." (four words at most; after the
# data word one more word, not a verb: "Nomor resi sudah dikirim" informs).
_DATA_RE = re.compile(
    r"^\W*(?:[\w-]+(?:\s*[+&/]\s*|\s+)){0,3}(?:number|id|no\.?|nomor|nomer|resi|ktp|nik|"
    r"e-?mail|alamat|username|code|kode|bukti\s+\w+|receipt|invoice|foto|photo|picture|"
    r"screenshot|ss|struk)(?:\s+(?!(?:di|ter|ber|me|sudah|udah|"
    r"telah|sedang|akan|is|was|has|will)\w*)[\w-]+)?\W*$",
    re.IGNORECASE,
)
# Urgency standing alone, read with the orders around it (part-Q round: "Kirim ulang. Foto
# + receipt. Now.", "Transfer. Sekarang juga."): no order in itself, so a bare "Sekarang."
# answering "kapan?" is none.
_URGENCY_RE = re.compile(
    r"^\W*(?:now|right\s+now|asap|immediately|sekarang(?:\s+juga)?|cepat|cepetan|buruan|"
    r"segera)\W*$",
    re.IGNORECASE,
)
# A holding reply standing alone (part-S round): "Hold on.", "Tunggu.", "One moment.",
# "Wait a sec." asks the customer to wait while the agent does something; the labelling
# definitions call it a holding reply (the cut-off's wording when the chat then ends), not
# an order of a tone shift. With other orders it is one of them: "Kirim resi. Tunggu.",
# "Student ID number. Then wait."
_HOLDING_ALONE_RE = re.compile(
    r"\W*(?:hold\s+on|hang\s+on|hold|wait(?:\s+a\s+(?:sec(?:ond)?|moment|minute|bit))?|"
    r"one\s+(?:moment|sec(?:ond)?|minute)|just\s+a\s+(?:moment|sec(?:ond)?|minute)|"
    r"(?:di)?tunggu(?:\s+(?:sebentar|bentar))?|sebentar|bentar)\W*",
    re.IGNORECASE,
)
# An order is short and gives no reason ("Kirim resinya biar saya cek" explains).
ORDER_WORDS = 6
_REASON_RE = re.compile(
    r"(?<!\w)(?:biar|agar|supaya|untuk|karena|krn|soalnya|so\s+that|so\s+we|so\s+i|to|"
    r"because|if|kalau|kalo|jika|until|sampai)(?!\w)",
    re.IGNORECASE,
)
# Softeners the lexicon has no marker for: the particle "ya", "dulu", "sebentar", smiling
# or folded-hands emoji, ":)".
_SOFT_RE = re.compile(
    r"(?<!\w)(?:ya+|yah|yuk|dulu|sebentar|bentar|kindly|for\s+me)(?!\w)|"
    "[\U0001f642\U0001f60a\U0001f600\U0001f601\U0001f603\U0001f604\U0001f917\U0001f64f"
    "\u263a\U0001f970\U0001f60d]|(?<![\\w:]):-?\\)",
    re.IGNORECASE,
)


def bare_commands(item: TurnAnalysis) -> Marker | None:
    """A marker over the whole turn when it is made only of bare commands, else None."""
    from karib.tone.order_chains import order_chain  # imports this module: a local import

    if item.role != "agent" or item.kind != "message":
        return None
    if order_chain(item):
        # A chain of bare orders (part-YZ round): a tone shift's wording after a refusal or
        # the agent's courtesy, as blind writers of parts W, X and Y labelled it.
        stripped = item.text.strip()
        start = item.text.find(stripped)
        return Marker("curt", LABEL, stripped, start, start + len(stripped))
    text = item.text
    if "?" in text or len(text.split()) > MAX_WORDS:
        return None
    if any(m.kind == "polite" for m in item.markers) or _SOFT_RE.search(text):
        return None
    if _HOLDING_ALONE_RE.fullmatch(text) is not None:
        return None
    sentences = [s for s in _SENTENCE_RE.findall(text) if s.strip(" ,\t")]
    orders = 0
    for sentence in sentences:
        sentence = _LEAD_RE.sub("", sentence)
        if (
            len(sentence.split()) <= ORDER_WORDS
            and _REASON_RE.search(sentence) is None
            and (IMPERATIVE_RE.match(sentence) or _DEMAND_RE.match(sentence))
        ):
            orders += 1
        elif _DATA_RE.match(sentence) is None and _URGENCY_RE.match(sentence) is None:
            return None
    if not orders:
        return None
    stripped = text.strip()
    start = text.find(stripped)
    return Marker("curt", LABEL, stripped, start, start + len(stripped))
