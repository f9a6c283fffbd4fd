"""Slang normalisation shared by the marker patterns and the sentiment features.

Markers are matched on the raw (lower-cased) text with patterns whose words are expanded to
their colloquial spellings, so spans always point into the raw text. The sentiment model sees
normalised tokens instead: lower-cased, elongations squeezed, slang mapped to standard words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain
from sys import intern
from typing import cast

# variant -> standard form (Indonesian colloquial, chat abbreviations, a little English chat).
SLANG: dict[str, str] = {
    # negation
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "ngak": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "tdk": "tidak",
    "ndak": "tidak",
    "kagak": "tidak",
    "nda": "tidak",
    "tak": "tidak",
    "g": "tidak",
    "gausah": "tidak usah",
    "gaperlu": "tidak perlu",
    "gamau": "tidak mau",
    # aspect, particles, function words
    "udah": "sudah",
    "udh": "sudah",
    "sdh": "sudah",
    "dah": "sudah",
    "udahan": "sudahan",
    "blm": "belum",
    "blum": "belum",
    "lg": "lagi",
    "jg": "juga",
    "aja": "saja",
    "aj": "saja",
    "doang": "saja",
    "cuma": "hanya",
    "cuman": "hanya",
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "utk": "untuk",
    "untk": "untuk",
    "krn": "karena",
    "karna": "karena",
    "tp": "tapi",
    "tpi": "tapi",
    "klo": "kalau",
    "kalo": "kalau",
    "kl": "kalau",
    "sm": "sama",
    "bgt": "banget",
    "bngt": "banget",
    "bener": "benar",
    "emang": "memang",
    "emg": "memang",
    "bkn": "bukan",
    "skrg": "sekarang",
    "jd": "jadi",
    "jdi": "jadi",
    "hrs": "harus",
    "tau": "tahu",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "gmna": "bagaimana",
    "knp": "kenapa",
    "napa": "kenapa",
    "dmn": "dimana",
    "kpn": "kapan",
    "brp": "berapa",
    "bs": "bisa",
    "bsa": "bisa",
    "mo": "mau",
    "pengen": "ingin",
    "pingin": "ingin",
    "pgn": "ingin",
    "org": "orang",
    "sy": "saya",
    "aku": "saya",
    "gue": "saya",
    "gw": "saya",
    "gua": "saya",
    "lu": "kamu",
    "lo": "kamu",
    "loe": "kamu",
    "km": "kamu",
    "kmu": "kamu",
    "dr": "dari",
    "pd": "pada",
    "sbg": "sebagai",
    "sdg": "sedang",
    "lagi2": "lagi",
    # politeness words
    "makasih": "terima kasih",
    "makasi": "terima kasih",
    "mksh": "terima kasih",
    "makaci": "terima kasih",
    "trims": "terima kasih",
    "trimakasih": "terima kasih",
    "terimakasih": "terima kasih",
    "tks": "terima kasih",
    "thx": "thanks",
    "tq": "thanks",
    "ty": "thanks",
    "tengkyu": "thanks",
    "mksih": "terima kasih",
    "maap": "maaf",
    "maf": "maaf",
    "mf": "maaf",
    "mhn": "mohon",
    "tlg": "tolong",
    "tolongin": "tolong",
    "pak": "bapak",
    "bpk": "bapak",
    "bu": "ibu",
    "kakak": "kak",
    "ka": "kak",
    "mba": "mbak",
    "sis": "kak",
    "gan": "kak",
    "pls": "please",
    "plz": "please",
    "plis": "please",
    "u": "you",
    "ur": "your",
    "ok": "oke",
    "okay": "oke",
    "okey": "oke",
    "okee": "oke",
    "okeh": "oke",
    "sip": "oke",
    # sentiment-bearing colloquialisms
    "bgs": "bagus",
    "mantul": "mantap",
    "mantab": "mantap",
    "jelek": "buruk",
    "lemot": "lambat",
    "cepet": "cepat",
    "nyesel": "menyesal",
    "kecewain": "mengecewakan",
    "ribet": "repot",
    "gaje": "tidak jelas",
    "bete": "kesal",
    "bt": "kesal",
    "sebel": "kesal",
    "kesel": "kesal",
}

_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_ELONGATION_RE = re.compile(r"(\w)\1{2,}")
_DIGITS_RE = re.compile(r"[0-9]{2,}")
_DIGIT_RE = re.compile(r"[0-9]")
# A run of 3+ equal letters (what the marker matching squeezes, see ``scoring.squeeze``).
LETTER_RUN_RE = re.compile(r"([^\W\d_])\1{2,}")
# ASCII text: every char other than a letter, a digit, "_" or "'" separates pieces. The
# table works on the UTF-8 bytes (one C pass; bytes of non-ASCII chars are kept as they are).
_PIECES = bytes(c if c >= 128 or chr(c).isalnum() or chr(c) in "_'" else 32 for c in range(256))


def ascii_pieces(lowered: str) -> list[str]:
    r"""The runs of ``[A-Za-z0-9_']`` of ASCII ``lowered`` (one C-level pass: translate and
    split). A regex whose matches consist of such chars and whose boundary checks look only
    at ``\w`` and ``'`` finds the same matches in the pieces as in the whole text."""
    return lowered.encode().translate(_PIECES).decode().split()


def raw_tokens(lowered: str, pieces: list[str] | None = None) -> list[str]:
    """Exactly ``_TOKEN_RE.findall(lowered)``: on ASCII text from the pieces (a piece of
    letters and digits only is one token; ``pieces`` may pass ``ascii_pieces(lowered)``),
    otherwise with the regex."""
    if not lowered.isascii():
        return _TOKEN_RE.findall(lowered)
    if pieces is None:
        pieces = ascii_pieces(lowered)
    if "'" not in lowered and "_" not in lowered:
        return pieces
    tokens: list[str] = []
    for piece in pieces:
        if "'" in piece or "_" in piece:
            tokens.extend(_TOKEN_RE.findall(piece))
        else:
            tokens.append(piece)
    return tokens


def normalize_tokens(text: str) -> list[str]:
    """Lower-case, fold ASCII digits to ``0``, squeeze elongations (``bangeeet`` ->
    ``bangeet``; so ``Rp 15.000`` -> ``rp 00.00``: amounts, ids and phone numbers count by
    shape, not value) and map slang.

    Tokens are cut first and normalised one by one through a bounded cache: folding and
    squeezing never cross a token boundary, so this equals normalising the whole string.
    """
    return tokens_of(text.lower())[0]


def tokens_of(lowered: str, pieces: list[str] | None = None) -> tuple[list[str], bool, int]:
    """``normalize_tokens`` of lower-cased text, whether the text has a run of 3+ equal
    letters (``LETTER_RUN_RE``; known per token from the cache on ASCII text) and how many
    raw tokens it has (before slang expansion): one pass shared by the sentiment model and
    the marker matching. ``pieces`` may pass ``ascii_pieces(lowered)`` of ASCII text."""
    if "\u2019" in lowered:
        lowered = lowered.replace("\u2019", "'")
        pieces = None
    tokens = raw_tokens(lowered, pieces)
    found = list(map(_SINGLE.get, tokens))
    if all(found):  # every token known (an empty normal form takes the slow path too)
        normals = cast("list[str]", found)
        if lowered.isascii():
            return normals, not _ELONGATED.isdisjoint(tokens), len(tokens)
    else:
        normals = list(
            chain.from_iterable(_TOKEN_CACHE.get(t) or _normalize_token(t) for t in tokens)
        )
        # (A full cache may have been reset on the way: the text itself decides.)
    return normals, LETTER_RUN_RE.search(lowered) is not None, len(tokens)


_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}
# The single-token normalisations of _TOKEN_CACHE as strings (most tokens): a text whose
# tokens are all here costs one look-up per token.
_SINGLE: dict[str, str] = {}
# Cached tokens with a run of 3+ equal letters (the known tokens have none).
_ELONGATED: set[str] = set()
_TOKEN_CACHE_LIMIT = 200_000
# Tokens whose normalisation is known without computing it: the slang spellings (filled
# below) and the model's vocabulary words that are already normal (``preload``, called when
# the sentiment model loads). The cache starts as, and is reset to, a copy of them.
_KNOWN: dict[str, tuple[str, ...]] = {}


def clear_cache() -> None:
    """Reset the token cache to its initial state (the known normalisations)."""
    _TOKEN_CACHE.clear()
    _TOKEN_CACHE.update(_KNOWN)
    _SINGLE.clear()
    _SINGLE.update({t: n[0] for t, n in _KNOWN.items() if len(n) == 1})
    _ELONGATED.clear()


def _plain(token: str) -> bool:
    """``token`` is letters only with no run of 3 equal letters: ``_normalize_token`` then
    changes it only through the slang table."""
    return token.isalpha() and _ELONGATION_RE.search(token) is None


def preload(tokens: Iterable[str]) -> None:
    """Record ``tokens`` that normalise to themselves (same result as computing it)."""
    for token in map(intern, tokens):
        if token not in SLANG and token not in _KNOWN and _plain(token):
            _KNOWN[token] = _TOKEN_CACHE[token] = (token,)
            _SINGLE[token] = token


def is_token(piece: str) -> bool:
    """Whether ``piece`` is exactly one raw token (``raw_tokens(piece) == [piece]``)."""
    return _TOKEN_RE.fullmatch(piece) is not None


def normal_form(token: str) -> tuple[str, ...]:
    """The normalised tokens of one raw token (``tokens_of`` of it alone), cached."""
    return _TOKEN_CACHE.get(token) or _normalize_token(token)


def _normalize_token(token: str) -> tuple[str, ...]:
    normal = token
    if not normal.isalpha():
        # Folding digits to 0 and squeezing the run in one step: 2+ digits -> "00".
        normal = _DIGIT_RE.sub("0", _DIGITS_RE.sub("00", normal))
    normal = _ELONGATION_RE.sub(r"\1\1", normal)
    mapped = SLANG.get(normal)
    # Interned (as the model's words are): look-ups that hit compare by identity.
    result = (intern(normal),) if mapped is None else tuple(map(intern, mapped.split(" ")))
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_LIMIT:
        clear_cache()
    _TOKEN_CACHE[token] = result
    if len(result) == 1:
        _SINGLE[token] = result[0]
    if LETTER_RUN_RE.search(token) is not None:
        _ELONGATED.add(token)
    return result


_KNOWN.update(
    {
        variant: tuple(map(intern, standard.split(" ")))
        for variant, standard in SLANG.items()
        if _plain(variant)
    }
)
clear_cache()


def variants_of(word: str) -> list[str]:
    """Every spelling that normalises to ``word`` (``word`` itself first)."""
    return [word, *sorted((v for v, std in SLANG.items() if std == word), key=len, reverse=True)]


_PLACEHOLDER_RE = re.compile(r"\{([a-z ]+)\}")


def expand(pattern: str) -> str:
    """Replace ``{word}`` placeholders with an alternation of the word's spellings."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(1)
        spellings = [re.escape(w).replace(r"\ ", r"\s*") for w in variants_of(word)]
        return "(?:" + "|".join(spellings) + ")"

    return _PLACEHOLDER_RE.sub(replace, pattern)
