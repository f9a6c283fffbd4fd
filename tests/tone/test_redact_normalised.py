"""karib.tone.redact reads a normalised copy of the text (secprobe11, F1): grouped NIKs,
numbers split by NBSP or zero-width characters, full-width and other Unicode digits. The
spans index into the original text, and the original spans are what is replaced."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import redact
from karib.tone.redact import _normal_char, _Normalised

NBSP, ZWSP, ZWJ, WJ, BOM, NNBSP = "\u00a0", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202f"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("ini 3175 0625 0990 0004 ya", "nik", "3175 0625 0990 0004"),
        ("ini 3175-0625-0990-0004 ya", "nik", "3175-0625-0990-0004"),
        ("ini 3175.0625.0990.0004 ya", "nik", "3175.0625.0990.0004"),
        ("ini 317506 250990 0004 ya", "nik", "317506 250990 0004"),
        ("ini 31.75.06.250990.0004 ya", "nik", "31.75.06.250990.0004"),
        ("NIK saya 3175 0625 0990 0004", "nik", "3175 0625 0990 0004"),
        ("NIK saya adalah 1234567890123456", "nik", "1234567890123456"),
        ("nomor induk kependudukan saya: 1234-5678-9012-3456", "nik", "1234-5678-9012-3456"),
        (
            "no. KTP: 3175\u20110625\u20110990\u20110004",
            "nik",
            "3175\u20110625\u20110990\u20110004",
        ),
        ("NPWP kantor saya 092542943407000", "npwp", "092542943407000"),
        (
            f"kartu 4111{NBSP}1111{NBSP}1111{NBSP}1111",
            "card",
            f"4111{NBSP}1111{NBSP}1111{NBSP}1111",
        ),
        (f"ini 4111{ZWSP}1111{ZWSP}1111{ZWSP}1111", "card", f"4111{ZWSP}1111{ZWSP}1111{ZWSP}1111"),
        (f"ini 4{ZWSP}111111111111111 ya", "card", f"4{ZWSP}111111111111111"),
        (f"ini 4000{NNBSP}0000 {BOM}0000{WJ}0002", "card", f"4000{NNBSP}0000 {BOM}0000{WJ}0002"),
        (
            "ini ４１１１ １１１１ １１１１ １１１１ ya",
            "card",
            "４１１１ １１１１ １１１１ １１１１",
        ),
        (
            "kartu\u3000４１１１\u3000１１１１\u3000１１１１\u3000１１１１",
            "card",
            "４１１１\u3000１１１１\u3000１１１１\u3000１１１１",
        ),
        ("saya…4111 1111 1111 1111", "card", "4111 1111 1111 1111"),
        (f"hubungi 0812{ZWSP}3456{ZWSP}7890", "phone", f"0812{ZWSP}3456{ZWSP}7890"),
        (f"hubungi 08{NBSP}123{NBSP}456{NBSP}789", "phone", f"08{NBSP}123{NBSP}456{NBSP}789"),
        (f"WA {ZWJ}+62 812  3456  7890", "phone", "+62 812  3456  7890"),
        ("hp ０８１２-３４５６-７８９０", "phone", "０８１２-３４５６-７８９０"),
        (
            "hp " + "081234567890".translate(ARABIC_INDIC),
            "phone",
            "081234567890".translate(ARABIC_INDIC),
        ),
        ("email ｂｕｄｉ＠ｇｍａｉｌ．ｃｏｍ", "email", "ｂｕｄｉ＠ｇｍａｉｌ．ｃｏｍ"),
        # a long run glued to a word or a code: a card or a NIK only
        ("CUST-3175-0625-0990-0004", "nik", "3175-0625-0990-0004"),
        ("NIK3175062509900004", "nik", "3175062509900004"),
        ("kartu4111111111111111", "card", "4111111111111111"),
        ("INV-4111111111111111", "card", "4111111111111111"),
    ],
)
def test_finds_the_forms_that_bypassed_it(text, kind, value):
    # when
    result = redact(text)
    # then the finding's span is the value in the original text, and the value is gone
    assert [f.kind for f in result.findings] == [kind]
    finding = result.findings[0]
    assert text[finding.start : finding.end] == value
    assert result.text == text.replace(value, f"[{kind}]")


@pytest.mark.parametrize(
    "text",
    [
        # a date range whose digits would pass as a NIK (province 11, day 24, month 12)
        "berlaku 11.03.2024-12.03.2024 ya",
        "periode 11-03-2024 s/d 12-03-2024",
        "Harga Rp 1.250.000 saja",
        "Rp 1.250.000 - Rp 2.000.000",
        "Harga Rp１.２５０.０００",
        # order and shipping numbers, also grouped or NIK-shaped
        "order 3175 0625 0990 0004 belum sampai",
        "pesanan INV/2024/0088",
        "resi 3175062509900004",
        "INV-3175062509900004",
        "SKU12345678901234",
        f"resi{NBSP}3175{NBSP}0625{NBSP}0990{NBSP}0004",
        "no resi: 0123 4567 8901 2345",
        # the last four digits of a card, a balance, a mistyped card
        "4 digit terakhir ４４１１",
        "saldo ４５６７８９０ tidak cukup",
        f"Kartu 4111{NBSP}1111{NBSP}1111{NBSP}1112 (bukan Luhn)",
        "jam 10.15 - 12.30",
        "NIK 3175 0625 0990 000",
    ],
)
def test_leaves_numbers_that_are_not_personal_data(text):
    # when
    result = redact(text)
    # then
    assert result.findings == ()
    assert result.text == text


def test_spans_map_back_across_characters_that_change_length():
    # given characters the copy drops (zero-width, bidi mark, combining mark), expands
    # ("\u2474" -> "(1)", "\ufb01" -> "fi", "\u2026" -> "...") and collapses (a run of spaces)
    text = (
        f"\u2474 \ufb01\u200e caf\u0065\u0301{ZWSP}{ZWSP} \u2026 kartu 4111{ZWSP}1111 \u3000 1111"
        f"{ZWJ}1111 dan \ufb01 0812{NBSP}{NBSP}3456 7890{ZWSP} ok \u2474"
    )
    # when
    result = redact(text)
    # then each span is the value as written, and the rest of the text is kept as written
    values = [text[f.start : f.end] for f in result.findings]
    assert values == [f"4111{ZWSP}1111 \u3000 1111{ZWJ}1111", f"0812{NBSP}{NBSP}3456 7890"]
    assert result.text == (
        f"\u2474 \ufb01\u200e caf\u0065\u0301{ZWSP}{ZWSP} \u2026 kartu [card] dan \ufb01 [phone]"
        f"{ZWSP} ok \u2474"
    )


def _naive_copy(text: str) -> tuple[str, list[int]]:
    """The copy read one character at a time, with each copy character's origin."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        read = _normal_char(char)
        if read == " " and chars and chars[-1] == " ":
            continue
        chars.extend(read)
        origins.extend([index] * len(read))
    return "".join(chars), origins


ALPHABET = st.sampled_from(
    list("ab 0123456789.-\n\t+@")
    + [NBSP, ZWSP, ZWJ, WJ, BOM, NNBSP, "\u3000", "\u200e", "\u00ad", "\u0301", "\ufe0f", "\u20e3"]
    + ["\u2474", "\ufb01", "\u2026", "\u00a8", "\u338f", "\u00bd", "\u2011", "\u2212", "\U0001f600"]
    + list("０１９٠٩५")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_copy_and_map_agree_with_reading_one_character_at_a_time(text):
    # when
    normal = _Normalised(text)
    # then the copy is the per-character reading, and every position maps to its origin
    copy, origins = _naive_copy(text)
    assert normal.text == copy
    for start in range(len(copy)):
        for end in range(start + 1, len(copy) + 1):
            assert normal.span(start, end) == (origins[start], origins[end - 1] + 1)


SEPARATORS = ["", " ", "-", ".", NBSP, ZWSP, ZWJ, WJ, BOM, NNBSP, "\u3000", "\u2011", f" {ZWSP}"]
SECRETS = ["3175062509900004", "4111111111111111", "4000000000000002", "378282246310005"]


def _digit_runs(text: str) -> list[str]:
    """Runs of digits once every digit is read as ASCII and separators are removed."""
    plain = "".join(
        str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in text
    )
    plain = re.sub(r"[\s.\-\u2011\u200b-\u200d\u2060\ufeff]", "", plain)
    return re.findall(r"[0-9]{13,}", plain)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SECRETS),
    st.lists(st.sampled_from(SEPARATORS), min_size=3, max_size=3),
    st.sampled_from([(4, 8, 12), (3, 6, 12), (6, 12, 13), (2, 4, 6), (1, 2, 15)]),
    st.booleans(),
    st.sampled_from(["ini ", "NIK saya ", "KTP: ", "nomor ", "ok…", ""]),
)
def test_no_planted_number_survives_any_split(secret, separators, cuts, wide, before):
    """A card number however split; a NIK in groups of three or more digits, or after a NIK
    word however split (groups of two without one are dates: see the negatives)."""
    # given a card or NIK split at three places by any separator, maybe in full-width digits
    a, b, c = cuts
    if secret == SECRETS[0] and min(a, b - a, c - b, 16 - c) < 3:
        before = "NIK saya "
    parts = [secret[:a], secret[a:b], secret[b:c], secret[c:]]
    if wide:
        parts = [p.translate(FULL_WIDTH) for p in parts]
    value = parts[0] + "".join(s + p for s, p in zip(separators, parts[1:], strict=True))
    text = f"{before}{value} ya"
    # when
    result = redact(text)
    # then no run of 13 or more of its digits is left
    assert _digit_runs(result.text) == [], (text, result.text)
