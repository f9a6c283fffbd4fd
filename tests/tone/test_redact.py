"""karib.tone.redact: personal data in Indonesian transcripts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import redact
from karib.tone.redact import Redacted, _Spans, luhn_valid


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Kartu saya 4111 1111 1111 1111 tolong diblokir", "card", "4111 1111 1111 1111"),
        ("cc 5500-0000-0000-0004 hilang", "card", "5500-0000-0000-0004"),
        ("nomornya 378282246310005", "card", "378282246310005"),
        ("NIK saya 3174051203850002", "nik", "3174051203850002"),
        ("KTP: 3273014107900001", "nik", "3273014107900001"),
        ("data 3174051203850002 sudah benar", "nik", "3174051203850002"),
        ("NPWP 09.254.294.3-407.000", "npwp", "09.254.294.3-407.000"),
        ("npwp: 092542943407000", "npwp", "092542943407000"),
        ("transfer ke rekening BCA 1234567890 a.n. Budi", "account", "1234567890"),
        ("no. rek: 0123456789", "account", "0123456789"),
        ("norek 1400012345678", "account", "1400012345678"),
        ("Virtual Account 8808123456789012", "account", "8808123456789012"),
        ("hubungi 0812-3456-7890 ya", "phone", "0812-3456-7890"),
        ("WA +62 812 3456 7890", "phone", "+62 812 3456 7890"),
        ("nomor 6281234567890", "phone", "6281234567890"),
        ("08123456789", "phone", "08123456789"),
        ("kantor 021-5551234", "phone", "021-5551234"),
        ("telp (022) 7201234", "phone", "(022) 7201234"),
        ("email budi.santoso@gmail.com ya", "email", "budi.santoso@gmail.com"),
    ],
)
def test_finds_personal_data_with_spans(text, kind, value):
    # when
    result = redact(text)
    # then
    assert [f.kind for f in result.findings] == [kind]
    finding = result.findings[0]
    assert text[finding.start : finding.end] == value
    assert value not in result.text
    assert f"[{kind}]" in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Harga Rp 28.500.000 per orang",
        "4 digit terakhir 4411 kak",
        "tanggal 12-03-2024 jam 10.15",
        "Kartu 4111 1111 1111 1112 (bukan Luhn)",
        "resi JNE 0123 4567 8901",
        "pesanan INV/2024/0088",
        "saldo 1234567890 tidak cukup",
        "order 3174051203850002 belum sampai",
        "pesanan nomor 1234567890123456 sudah dikirim",
        "kode promo 12345678",
        "nomor 12345678",
    ],
)
def test_leaves_numbers_that_are_not_personal_data(text):
    # when
    result = redact(text)
    # then
    assert result.findings == ()
    assert result.text == text


def test_an_order_id_that_is_a_valid_card_number_is_still_a_card():
    # given: a card number is a card number whatever it is called
    text = "order id 4111111111111111"
    # when
    result = redact(text)
    # then
    assert result.kinds == ("card",)
    assert result.text == "order id [card]"


def test_several_kinds_in_one_text_keep_their_spans_and_order():
    # given
    text = "Saya Budi, NIK 3174051203850002, HP 0812 3456 7890, email budi@mail.co.id"
    # when
    result = redact(text)
    # then
    assert [f.kind for f in result.findings] == ["nik", "phone", "email"]
    assert result.kinds == ("nik", "phone", "email")
    assert result.text == "Saya Budi, NIK [nik], HP [phone], email [email]"
    assert [f.to_dict()["kind"] for f in result.findings] == ["nik", "phone", "email"]


def test_redact_is_pure_and_idempotent():
    # given
    text = "rekening 1234567890 dan 0812-3456-7890"
    # when
    once = redact(text)
    # then
    assert redact(text) == once
    assert redact(once.text).findings == ()


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)],
)
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=40))
def test_span_set_answers_like_a_scan_of_every_span(candidates):
    """The ordered span set says "free" exactly when no kept span overlaps, as the scan of
    every span did before (the scan was quadratic on a turn of thousands of numbers)."""
    spans = _Spans()
    kept: list[Redacted] = []
    for start, length in candidates:
        end = start + length
        scanned = all(end <= s.start or start >= s.end for s in kept)
        assert spans.free(start, end) == scanned
        if scanned:
            span = Redacted("phone", start, end)
            spans.add(span)
            kept.append(span)
    assert list(spans) == sorted(kept, key=lambda s: s.start)


def test_a_turn_of_many_numbers_redacts_each():
    text = "Customer: " + "081234567890 " * 3000
    assert redact(text).text.count("[phone]") == 3000
