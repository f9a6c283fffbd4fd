"""Chains of orders (part-WX round, docs/tone-history.md): an agent turn of three or more
short sentences, at least two of them orders and the rest one or two words, with no softener
and no question: "Baca pengumuman di website. Bawa bukti bayar. Datang sendiri.", "Lunasi
dulu tagihannya. Kirim bukti. Tunggu email konfirmasi.", "Go to Settings. Billing. Cancel
plan. Confirm.".

``commands.bare_commands`` reads a turn whose every sentence is an order of its lists; it
lets "datang", "buka", "pilih" and the like inform ("Tutup jam 9. Buka jam 7."), takes a
"dulu" anywhere as a softener ("Tunggu dulu"), and a menu word standing alone ("Billing.")
is no order of its lists, so these chains escape it. Here the chain itself is the sign: in
a run of three short sentences, two of them opening on an order verb, "dulu" means "first"
("Lunasi dulu tagihannya"), not "just a moment"; a sentence with a number (opening hours,
a price) is no order; a please, a thanks, an apology, a form of address, the particle "ya"
or a smiling emoji softens the turn.

The labelling definitions count bare commands among the wordings of a tone shift, not of
``curt_language``; ``detectors.learned_curt_turns`` leaves such a chain to the rules as it
leaves ``bare_commands`` turns, and since the part-YZ round ``commands.bare_commands`` marks
the chain, so that a chain after the customer's refusal or the agent's courtesy is the tone
shift (an order of seven words at most: "Fill in the form on the website.").
"""

from __future__ import annotations

import re

from karib.tone.commands import _LEAD_RE, _SENTENCE_RE  # sentences and their link words
from karib.tone.lexicon import IMPERATIVE_RE
from karib.tone.records import TurnAnalysis

#: At least this many sentences in the chain, at least ``MIN_ORDERS`` of them orders.
MIN_SENTENCES = 3
MIN_ORDERS = 2
#: An order is this many words at most; a sentence that is no order, ``MAX_OTHER_WORDS``.
ORDER_WORDS = 7
MAX_OTHER_WORDS = 2
#: The whole turn, at most: a longer turn explains as well.
MAX_WORDS = 16

# Order verbs opening a sentence, besides the lexicon's imperatives: the steps of a
# procedure and the demands of a desk, Indonesian and English.
_ORDER_RE = re.compile(
    r"^\W*(?:lunasi|bayar(?:kan)?|datang|bawa|kirim(?:kan)?|isi|lengkapi|lampirkan|upload|"
    r"unggah|tunggu|buka|pilih|klik|tap|tekan|masuk|login|scan|foto|cetak|print|tanda\s*tangani|"
    r"siapkan|antri|antre|ambil|hubungi|telepon|telpon|email|cek|periksa|baca|ikuti|"
    r"go|open|select|choose|click|press|enter|type|confirm|cancel|pay|bring|come|fill|"
    r"submit|attach|sign|visit|call|contact|follow|wait|check|read|send|log\s*in|scroll|"
    r"tick|untick|remove|delete|turn|"
    # Part-ZAZB round: "Read the welcome email. Download the form. Send it back signed."
    r"download|unduh|install|instal|reply|balas|update|reset|restart|return|kembalikan|"
    r"save|simpan|copy|salin|paste|forward|print)(?![\w'])",
    re.IGNORECASE,
)
# A reason or condition makes it an explanation: "Kirim resinya biar saya cek", "Send the
# receipt to confirm"; "to" naming a place is none ("Go to Settings", "Scroll to Billing").
_REASON_RE = re.compile(
    r"(?<![\w'])(?:biar|agar|supaya|untuk|karena|krn|soalnya|so\s+that|so\s+we|so\s+i|"
    r"(?<!go\s)(?<!come\s)(?<!back\s)(?<!scroll\s)(?<!head\s)(?<!navigate\s)(?<!down\s)"
    r"(?<!up\s)to|because|if|kalau|kalo|jika|until|sampai|when|once|nanti)(?![\w'])",
    re.IGNORECASE,
)
# Softeners the lexicon has no marker for: the particle "ya", "yuk", "kindly", "for me",
# "thanks"/"makasih" in any spelling, smiling or folded-hands emoji, ":)"; "just", "simply",
# "you can", "feel free" (part-YZ round: helpful steps, not orders).
_SOFT_RE = re.compile(
    r"(?<!\w)(?:ya+|yah|yuk|yok|kindly|for\s+me|thanks?|thx|makasih|mksh|tks|please|pls|"
    r"plz|mohon|tolong|silakan|silahkan|just|simply|you\s+can|feel\s+free)(?!\w)|"
    "[\U0001f642\U0001f60a\U0001f600\U0001f601\U0001f603\U0001f604\U0001f917\U0001f64f"
    "\u263a\U0001f970\U0001f60d]|(?<![\\w:]):-?\\)",
    re.IGNORECASE,
)


def _order(sentence: str) -> bool:
    return (
        len(sentence.split()) <= ORDER_WORDS
        and not any(ch.isdigit() for ch in sentence)
        and _REASON_RE.search(sentence) is None
        and (_ORDER_RE.match(sentence) is not None or IMPERATIVE_RE.match(sentence) is not None)
    )


def order_chain(item: TurnAnalysis) -> bool:
    """The agent turn is a chain of bare orders (see the module's text)."""
    if item.role != "agent" or item.kind != "message":
        return False
    text = item.text
    if "?" in text or len(text.split()) > MAX_WORDS or _SOFT_RE.search(text):
        return False
    if any(m.kind == "polite" for m in item.markers):
        return False
    sentences = [_LEAD_RE.sub("", s).strip() for s in _SENTENCE_RE.findall(text)]
    sentences = [s for s in sentences if s.strip(" ,\t")]
    if len(sentences) < MIN_SENTENCES:
        return False
    orders = 0
    for sentence in sentences:
        if _order(sentence):
            orders += 1
        elif len(sentence.split()) > MAX_OTHER_WORDS or any(ch.isdigit() for ch in sentence):
            return False
    return orders >= MIN_ORDERS
