"""The failure classes part R's tuning share showed (docs/tone-history.md, part-R round), each
written as a class with new texts (not the dev set's), in Indonesian, English and mixed,
with near-misses that must not fire.

Curtness: sarcasm about the agent's time, indifference ("not really my concern"), lowered
expectations ("what did you expect for that price", "ya wajar kualitasnya segitu"), a
complaint laughed off ("wkwk kak, itu kan ..."), the customer's reading doubted, grudging
leave ("ya sudah kalau Bapak maunya begitu") are curt language; a turn made only of
troubleshooting steps or orders not to do something, after courtesy, is a tone shift.
States: a resigned acknowledgement with the customer's own next step elsewhere, and a
report that it is sorted or praise ending the message, close the exchange on the customer's
side. Cut-off: a question broken off after its inverted auxiliary ("... or can I")."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _after_courtesy(lang: str, text: str) -> str:
    """The agent's courteous first reply, the customer's follow-up, the agent's reply."""
    if lang == "en":
        return (
            "Customer: The kettle I bought last week stopped heating.\n"
            "Agent: I'm sorry to hear that, could you share the order number?\n"
            "Customer: It's KT-5521. Can you replace it?\n"
            f"Agent: {text}\n"
        )
    return (
        "Pelanggan: Kak, setrika yang saya beli minggu lalu nggak panas.\n"
        "Agen: Mohon maaf atas kendalanya Kak, boleh info nomor pesanannya?\n"
        "Pelanggan: ST-7781 kak. Bisa diganti?\n"
        f"Agen: {text}\n"
    )


# --- 1. Curt classes ------------------------------------------------------------------------

CURT = [
    # sarcasm about the agent's time
    ("en", "Oh sure, because we have all the time in the world to test kettles."),
    ("en", "Right, because I clearly have nothing better to do than chase couriers."),
    ("en", "As if we had nothing else to do today."),
    ("id", "Emangnya kami nggak ada kerjaan lain selain ngurusin setrika Kakak?"),
    ("id", "Kayak admin gak punya kerjaan lain aja."),
    # indifference
    ("en", "It's not really our problem once it's delivered."),
    ("en", "None of my concern, talk to the manufacturer."),
    ("en", "If you don't like the warranty terms, that's not something I care about."),
    ("mix", "Kalau nggak suka, ya terserah kakak. Policy is policy."),
    # lowered expectations
    ("en", "What did you expect for $9? It's a budget kettle."),
    ("en", "Honestly, you get what you pay for."),
    ("id", "Ya wajar mutunya segitu kak, namanya juga barang diskon."),
    ("id", "Jangan berharap terlalu banyak dari setrika 50 ribuan kak."),
    # a complaint laughed off
    ("id", "Wkwkwk kak, itu kan cuma setrika."),
    ("mix", "Haha relax kak, it's just a kettle."),
    ("en", "lol calm down, it's only a kettle."),
    # reading doubted
    ("id", "Kalau emang susah membaca buku manual, minta tolong orang rumah kak."),
    ("en", "If reading the manual is too hard, watch the video."),
    ("id", "Lain kali tanya dulu biar tidak merepotkan kami semua."),
    # grudging leave
    ("id", "Yaudah kalo kakak maunya gitu."),
    ("id", "Ya sudahlah, kalau Ibu memang maunya begitu."),
]


@pytest.mark.parametrize(("lang", "text"), CURT)
def test_each_class_of_curt_wording_is_curt_language_and_a_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


NOT_CURT = [
    # polite imperatives and information turns
    ("en", "Please unplug it and try another socket, then let me know."),
    ("id", "Mohon dicoba di stopkontak lain ya Kak, lalu kabari saya 🙏"),
    ("en", "The replacement ships tomorrow and arrives within 3 days."),
    # firm but polite refusals, policy statements
    ("en", "I'm sorry, but items used for more than 30 days can't be replaced."),
    ("id", "Mohon maaf Kak, garansi tidak berlaku untuk kerusakan karena jatuh."),
    ("en", "Our policy is that replacements need the original receipt."),
    ("en", "That's not something I can approve, but I can pass it to the warranty team."),
    # religious register, sama-sama, apologies, offers of help, price lists
    ("id", "Waalaikumsalam, insya Allah hari ini kami proses Kak."),
    ("id", "Sama-sama Kak 🙏"),
    ("en", "I'm so sorry, that must be really annoying."),
    ("id", "Kalau Kakak mau, saya bantu ajukan penggantian ya."),
    ("en", "Sure, because of the holiday it ships Monday, I'll book it now."),
    ("id", "Setrika uap 250rb, setrika biasa 120rb, garansi 1 tahun."),
    # laughter, expectations and reading in friendly turns
    ("id", "Hahaha iya Kak, semoga cepat beres ya 😂🙏"),
    ("en", "Haha no worries, glad we sorted it!"),
    ("id", "Hahaha iya kak, tadi cuma typo doang, sudah saya perbaiki 🙏"),
    ("en", "What do you expect to receive, a refund or a new kettle?"),
    ("id", "Harganya memang lebih murah karena promo Kak, garansinya tetap 1 tahun."),
    ("id", "Kalau tidak bisa membaca QR-nya, ketik kode di bawahnya ya Kak."),
    ("id", "Biar tidak merepotkan Kakak, kurir kami yang jemput barangnya."),
    ("id", "Baik Kak, kalau Kakak maunya diganti baru, saya proses ya."),
    ("en", "It's not a concern, the warranty covers it."),
    ("en", "If you don't like the colour, that's fine, we can exchange it."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_CURT)
def test_near_misses_are_neither_curt_nor_a_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" not in codes
    assert "tone_shift" not in codes


# --- 2. Troubleshooting steps as bare orders ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Restart the app. Clear cache. Log in again."),
        ("mix", "Uninstall app. Install ulang. Kabari hasilnya."),
        ("id", "Hapus aplikasinya. Instal lagi. Jangan chat sebelum dicoba."),
        ("en", "Reset the router. Don't call again today."),
    ],
)
def test_a_turn_of_bare_steps_after_courtesy_is_a_tone_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" in codes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Please restart the app, clear the cache and log in again. Thanks!"),
        ("id", "Coba restart dulu ya Kak, nanti kabari hasilnya 🙏"),
        ("en", "Restart the app so the update installs, then it should work."),
        ("id", "Tutup jam 9. Buka lagi jam 7 pagi."),
    ],
)
def test_polite_or_explained_steps_and_hours_are_no_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


# --- 3. The customer closing: own way, sorted, praise ---------------------------------------


def _customer_last(last: str) -> str:
    return (
        "Customer: My refund hasn't arrived.\n"
        "Agent: Sorry about that, it was sent yesterday and takes 1-2 days.\n"
        f"Customer: {last}\n"
    )


@pytest.mark.parametrize(
    "last",
    [
        "yaudah deh, nanti saya coba lewat aplikasi aja",
        "oke kak, aku ke cabang aja besok",
        "Fine, I'll just call the bank then.",
        "Okay then, I'll try the website.",
        "Got it, all sorted now 🙂",
        "It's arrived! Really helpful, thanks",
        "udah beres kak",
    ],
)
def test_the_customers_own_way_or_a_settled_report_ends_it_on_their_side(last: str) -> None:
    # given
    document = _customer_last(last)
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_customer"


@pytest.mark.parametrize(
    "last",
    [
        "ok, can I try the website instead?",
        "It's not very helpful, where is my money",
        "belum beres kak, gimana ini",
    ],
)
def test_pending_steps_questions_and_complaints_keep_it_open(last: str) -> None:
    # given
    document = _customer_last(last)
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"


# --- 4. A question broken off after its inverted auxiliary ----------------------------------


@pytest.mark.parametrize(
    "unfinished",
    [
        "Thanks. And for the other card, should I visit a branch or can I",
        "Ok. Terus untuk kartu kedua apakah saya",
        "Great. So the refund, will it go to my card or do I",
    ],
)
def test_a_sign_off_on_a_broken_off_question_cuts_the_customer_off(unfinished: str) -> None:
    # given
    document = (
        "Agent: Welcome to Fairbank, how can I help?\n"
        "Customer: I need to close my late father's card.\n"
        "Agent: I'm very sorry for your loss. Please upload the death certificate in the app.\n"
        f"Customer: {unfinished}\n"
        "Agent: Thank you for contacting Fairbank. Goodbye.\n"
        "[Agent has ended the chat]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes


@pytest.mark.parametrize(
    "finished",
    [
        "Ok thanks, I'll do that as soon as I can",
        "Thank you so much, so do I",
    ],
)
def test_a_finished_statement_ending_on_a_subject_and_auxiliary_is_no_cut_off(
    finished: str,
) -> None:
    # given
    document = (
        "Agent: Welcome to Fairbank, how can I help?\n"
        "Customer: I need to close my late father's card.\n"
        "Agent: I'm very sorry for your loss. Please upload the death certificate in the app.\n"
        f"Customer: {finished}\n"
        "Agent: Thank you for contacting Fairbank. Goodbye.\n"
        "[Agent has ended the chat]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" not in codes
