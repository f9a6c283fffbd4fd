"""The customer's closing: whether a customer's message closes the exchange
(``customer_closes``): thanks, a farewell, a religious reply, an emoji or a sticker only,
or words that close it (an acknowledgement, a returned wish, "nothing else", a report that
it is settled, a deferral to talk it over, an apology ending on an acknowledgement). The
words were split from state.py in the part-O round (docs/tone-history.md), the rest with
the agent's sign-off (signoffs.py) and the auto-replies (autoreplies.py).
"""

from __future__ import annotations

import re

from karib.tone.normalize import expand
from karib.tone.records import TurnAnalysis
from karib.tone.signoffs import WORD_RE

# A customer's last message that ends the exchange: thanks, farewell, "Aamiin", an
# acknowledgement ("oke kak", "siap", "👍") with no question or request in it.
CUSTOMER_CLOSING_LABELS = frozenset({"thanks", "closing", "wishes", "welcome", "religious"})

_DISMAY = (
    r"(?:astaghfirullah|astagfirullah|astaghfirulloh|astagfirulloh|astaga(?:naga)?|"
    r"ya\s+(?:allah|ampun|tuhan)|hadeh+|haduh+|aduh+|duh+|sigh|ugh+|phew|jeez|geez|omg)"
)
_ACK_RE = re.compile(
    # An interjection may come first ("Oh oke kak", "Ah siap", "Owh gitu, ok").
    # ... or an exclamation of dismay or relief (part-ZAZB round): "astaghfirullah... ok",
    # "Ya Allah, oke kak", "hadeh ok", "sigh. ok", "phew, ok thanks".
    r"^\W*(?:(?:oh+|o+|owh|ah+|wah|wow|hmm+|hm|ooh|" + _DISMAY + r")\W+(?:gitu\W+|begitu\W+)?)?"
    r"(?:ok(?:e|ay|ey)?|oke+h?|sip|siap|baik|baiklah|noted|done|mantap|mantab|alright|"
    r"all\s+right|great|cool|perfect|got\s+it|understood|i\s+see|paham|dimengerti|good|"
    r"y[ae]?|yes|yep|yup|yeah|ya+|iya+|betul|benar|sudah|udah|cukup|itu\s+saja|that'?s\s+all|cheers|"
    # fused "ya udah" (part-P round): "yaudah", "yasudah deh", Javanese "yowis".
    r"yaa*\s?(?:udah|sudah|uda|dah)|y[ao]\s?w[ie]s|"
    r"awesome|brilliant|lovely|wonderful|excellent|nice|sip+|mantul)\b",
    re.IGNORECASE,
)
# A customer returning the agent's farewell or wishes: "You too!", "Same to you",
# "Likewise", "Kakak juga ya", "Sampean juga mas".
_RETURN_WISH_RE = re.compile(
    r"^\W*(?:(?:and\s+|thanks,?\s+)?(?:you\s+too|same\s+to\s+you|likewise)|(?:kakak|kak|ka|mas|"
    r"mbak|bapak|pak|ibu|bu|anda|kamu|sampean|panjenengan|akang|teteh|min|admin)\s+juga)"
    r"(?!\w)",
    re.IGNORECASE,
)
# "No, that's all" / "Nggak ada kak" / "Tidak ada lagi, cukup" answering "anything else?":
# a negation and nothing but words that close (the whole message; "No kak" is none).
_NOTHING_ELSE_RE = re.compile(
    expand(
        r"^\W*(?:no|nope|nah|{tidak}|nothing)\W+(?=.*(?:that'?s|nothing|i'?m|all|ada|itu|"
        r"lagi|{saja}|{sudah}|cukup|else))(?:(?:that'?s\s+(?:all|it|everything)|"
        r"nothing\s+else|i'?m\s+(?:good|fine|all\s+set)|all\s+(?:good|set)|ada|itu|lagi|"
        r"{saja}|{sudah}|cukup|else|{kak}|min|{bapak}|{ibu}|mas|{mbak})\W*)+$"
    ),
    re.IGNORECASE,
)
# A customer's report that the matter is settled closes the exchange as well ("Worked!
# Super help - problem solved", "you've been a great help"); "it worked" / "works now" only
# at the end ("It worked yesterday but ..." is a complaint), and no bare "great help" ("it
# would be a big help if ...") or "very helpful" ("not very helpful").
_SETTLED_RE = re.compile(
    r"(?<!\w)(?:problem\s+solved|all\s+sorted|(?:it|that)\s+(?:worked|works)(?=\W*$)|"
    r"works\s+now(?=\W*$)|^\W*worked(?!\w)|(?:you'?ve|you\s+have)\s+been\s+(?:a\s+|so\s+)?"
    r"(?:great\s+|big\s+|huge\s+)?help(?:ful)?|"
    # Part-R round: "sorted now", "all sorted", "that's sorted", praise ending the message
    # ("Super helpful", "really helpful, thanks"; not "not very helpful"), Indonesian "udah
    # beres kak", "sudah aman" ending the message.
    r"sorted\s+now|(?:it'?s|that'?s|all)\s+sorted(?=\W*$|\s*[,.!])|(?<!not\s)(?:super|really|"
    r"very|so|extremely|incredibly)\s+helpful(?=\W*$|\s*[,.!])|(?:sudah|udah|udh|dah)\s+"
    r"(?:beres|aman|kelar)(?:\s+(?:kak|ka|min|mbak|mas|pak|bu))?(?=\W*$|\s*[,.!]))(?!\w)",
    re.IGNORECASE,
)
# A resigned acknowledgement and the customer's own next step elsewhere closes the exchange
# (part-R round): "yaudah deh, nanti aku coba lewat email aja", "ok, saya ke cabang saja",
# "Fine, I'll just call the branch", "Okay then, I'll try the app" (not "ok, can I try
# the app?"), with more words than a bare acknowledgement holds.
_OWN_WAY_RE = re.compile(
    r"^\W*(?:ok(?:e|ay|ey)?|oke+h?|ya+\s?(?:udah|sudah|uda|dah)|y[ao]\s?w[ie]s|fine|alright|"
    r"baiklah|baik|sudah|udah)\b(?:\W+(?:deh|dong|lah|then|kak|mbak|mas|pak|bu|min))*\W+"
    r"(?:(?:nanti|ntar|biar|besok|mending)\s+)?(?:(?:aku|saya|sy|gue|gw|i'?ll|i\s+will)\s+)"
    r"(?:just\s+)?(?:(?:coba\s+)?(?:lewat|via|ke|datang\s+ke)\s+(?:email|e-mail|telepon|telpon|"
    r"cabang|kantor|toko|aplikasi|app|web|website|cs|call\s+center)|coba\s+(?:lewat|via)|"
    r"(?:try|go\s+to|call|email|visit|contact|ask)\s+(?:the\s+|my\s+|another\s+)?(?:\w+\s+)?"
    r"(?:branch|bank|app|website|shop|store|office|email|phone|courier|elsewhere))",
    re.IGNORECASE,
)
# A customer deferring to talk it over or think it over closes the exchange (part-O
# round): "I'll discuss with my husband first", "nanti saya diskusikan dulu sama istri",
# "saya pikir-pikir dulu ya", "I'll think about it"; not "let me check" (more to come) nor
# advice ("kalau mau pergi pikir pikir dulu").
_DEFERS_RE = re.compile(
    expand(
        r"(?<!\w)(?:(?:i'?ll|i\s+will|i\s+need\s+to|i\s+have\s+to|let\s+me)\s+(?:discuss|talk|"
        r"check|consult)\s+(?:it\s+|this\s+|that\s+)?(?:first\s+|over\s+)?with\s+(?:my\s+)?"
        r"(?:husband|wife|partner|family|parents|boss|spouse)|(?:i'?ll|i\s+will|let\s+me)\s+think\s+"
        r"(?:about\s+it|it\s+over)|(?:diskusi(?:kan|in)?|rundingkan|omongin|obrolin|bicarakan|"
        r"tanya(?:kan|in)?)\s+(?:dulu\s+)?(?:(?:dengan|sama|ke|ama)\s+)?(?:suami|istri|bini|"
        r"keluarga|orang\s+tua|ortu|atasan|bos|pasangan)|(?:{saya}|aku|gue|gw|mau|nanti|ntar|"
        r"biar)\s+(?:di)?(?:pikir|mikir)(?:-?\s*(?:pikir|mikir)|2)?\s+dulu)(?!\w)"
    ),
    re.IGNORECASE,
)
# An apology and an acknowledgement ending the message after a comma or a full stop (part-O
# round): "maaf mbak, sy lupa. oke", "Sorry, my bad. OK", "oh iya maaf kak, siap"; not
# "maaf, pelayanannya kurang baik".
_ENDS_ACK_RE = re.compile(
    r"(?:^|[.,!]\s*)(?:ok(?:e|ay|ey)?|oke+h?|sip|siap|noted|alright|ok\s+deh|"
    r"oke\s+deh)(?:\s+(?:kak|kakak|mbak|mas|pak|bu|min|sir|deh|ya))?\W*$",
    re.IGNORECASE,
)

# The customer's go-ahead in slang, the whole message (part-S round): "gass 🔥", "gaskeun
# kak", "cuss", "Let's go!", "otw checkout" - the customer takes it from here, as with
# "siap"; not "gas-nya habis?", "cus, kirim kapan?" (a question or more words).
_GO_AHEAD_RE = re.compile(
    r"^\W*(?:ga+s+(?:ke+u*n|kan|pol)?|cu+s+|cu+z+|let'?s\s+go+|le+t?s+go+|otw\s+(?:checkout|co|"
    r"order|bayar|transfer))(?:\s+(?:kak|kakak|ka|min|mbak|mas|pak|bu|gan|sis|deh|lah|ya))*"
    r"[\W_]*$",
    re.IGNORECASE,
)

# Thanks in Arabic, the religious register's thanks (part-WX round): "Jazakallahu khairan
# 🤲", "Jazakumullah khairan katsiran", "jazaakillah khair", "JazakAllah" (the lexicon knows
# "jazakallah khair" only); in a short message (eight words at most) with no question.
_ARABIC_THANKS_RE = re.compile(
    r"(?<!\w)jaza+(?:k|ki|kum|kumu|kuma)(?:a|u)?(?:l?lah|allah|ullah)(?:u|a)?(?:\s+(?:khair|khoir|"
    r"khayr|khoyr)(?:an|a|on)?)?(?!\w)",
    re.IGNORECASE,
)


def closes_in_words(text: str, *, apology: bool) -> bool:
    """The message's words close it (the acts and markers are read by the caller);
    ``apology``: the message apologises."""
    if _SETTLED_RE.search(text) is not None:
        return True
    if "?" not in text and len(text.split()) <= 8 and _ARABIC_THANKS_RE.search(text):
        return True
    if _NOTHING_ELSE_RE.match(text) is not None:
        return True
    if _RETURN_WISH_RE.match(text) is not None and len(text.split()) <= 6:
        return True
    if _DEFERS_RE.search(text) is not None:
        return True
    if _OWN_WAY_RE.match(text) is not None and "?" not in text:
        return True
    if "?" not in text and _GO_AHEAD_RE.match(text) is not None:
        return True
    if apology and len(text.split()) <= 8 and _ENDS_ACK_RE.search(text) is not None:
        return True
    return _ACK_RE.match(text) is not None and len(text.split()) <= 6


def is_emoji_only(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped)
        and WORD_RE.search(stripped) is None
        and not any(ch.isdigit() for ch in stripped)
    )


# A sticker written into the transcript as a placeholder ("[stiker jempol]", "[sticker:
# thumbs up]", "[stiker]"): an emoji in picture form (part-N round). A photo, a voice note
# or a document ("[gambar bukti transfer]") says something and is none.
_STICKER_RE = re.compile(
    r"\W*[\[(<]\s*(?:stiker|sticker)(?![\w-])[^\]\[()<>\n]{0,40}[\])>]\W*", re.IGNORECASE
)


def is_emoji_or_sticker(text: str) -> bool:
    """Emoji only, or a sticker placeholder only."""
    return is_emoji_only(text) or _STICKER_RE.fullmatch(text.strip()) is not None


def thanks_in(item: TurnAnalysis) -> bool:
    """The message thanks (a thanks marker or act)."""
    return "thanks" in item.acts or any(m.label == "thanks" for m in item.markers)


# The handles a social-media reply opens with (part-ZAZB round: "@PetPalShop 🙏🙏🙏",
# "@CresthillBank fine", "@ConnectaHelp yep its back. ta"): addressing, not words of it.
_HANDLES_RE = re.compile(r"^\s*(?:@\w+[\s,:]*)+")
# A resigned "fine" as the whole message (after a handle or not) acknowledges: "fine",
# "Fine then.", "fine, thanks" (not "fine but I want a refund", "fine?").
_BARE_FINE_RE = re.compile(r"\W*fine(?:\s+then)?[\s.!]*", re.IGNORECASE)


def without_handles(text: str) -> str:
    """The message without the @handles it opens with."""
    return _HANDLES_RE.sub("", text, count=1)


def customer_closes(item: TurnAnalysis) -> bool:
    """The customer's message closes the exchange: thanks, a farewell, a religious reply,
    an acknowledgement or emoji only, with no question or request in it. The @handles a
    social-media reply opens with are not read."""
    if {"question", "cancellation_request"} & set(item.acts):
        return False
    text = without_handles(item.text)
    if not text.strip():
        return False
    if is_emoji_or_sticker(text):
        return True
    if {m.label for m in item.markers} & CUSTOMER_CLOSING_LABELS:
        return True
    if _BARE_FINE_RE.fullmatch(text) is not None:
        return True
    return closes_in_words(text, apology="apology" in item.acts)
