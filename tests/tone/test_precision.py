"""Engine 2.0: precision by failure class (issue 12, "Precision first")."""

from __future__ import annotations

import pickle

import pytest

from karib.tone import (
    FINDING_CODES,
    REGISTRY,
    RoleError,
    analyze,
    parse,
    score_utterance,
)


def _analyze(document: str, fmt: str = "text"):
    return analyze(parse(document, fmt=fmt)[0])


def _codes(document: str, fmt: str = "text") -> set[str]:
    return {f.code for f in _analyze(document, fmt).findings}


def _labels(text: str) -> set[str]:
    return {m.label for m in score_utterance(text).markers if m.kind != "strategy"}


# --- conversation state ------------------------------------------------------------------

OPEN_PRICE_LIST = (
    "Agen: Assalamualaikum kak, terima kasih sudah menghubungi Nusa Travel 🙏\n"
    "Pelanggan: Waalaikumsalam, mau tanya paket umroh Desember kak\n"
    "Agen: Paket Desember 2024\n- Reguler 9 hari Rp 28.500.000\n- Plus Turki Rp 34.900.000\n"
    "Agen: Untuk keberangkatan dari Jakarta atau Surabaya kak?\n"
)


@pytest.mark.parametrize(
    ("document", "state"),
    [
        (OPEN_PRICE_LIST, "open"),
        ("Agen: Halo kak\nPelanggan: Berapa ongkirnya ke Bandung?\n", "open"),
        ("Agen: Ongkirnya 15rb kak.\nPelanggan: oke kak makasih\n", "ended_by_customer"),
        ("Agen: Sudah kami kirim ya.\nPelanggan: 👍\n", "ended_by_customer"),
        ("Agen: Sudah kami kirim ya.\nPelanggan: Aamiin\n", "ended_by_customer"),
        ("Agen: Halo\nPelanggan: Halo, mau tanya\n[chat ditutup oleh agen]\n", "ended_by_agent"),
        (
            (
                "Agen: Sudah selesai, Pak. Terima kasih telah menghubungi kami.\n"
                "Pelanggan: Baik\nAgen: Sama-sama, selamat beraktivitas.\n"
            ),
            "ended_by_agent",
        ),
        ("Agent: It's in transit.\nCustomer: Ok.\n[chat ended by customer]\n", "ended_by_customer"),
    ],
)
def test_conversation_state_is_in_the_summary(document, state):
    # when
    summary = _analyze(document).to_dict()["summary"]
    # then
    assert summary["conversation_state"] == state


def test_open_conversations_get_no_ending_findings():
    # given: the agent sent a price list and awaits the answer; a customer question waits
    documents = [
        OPEN_PRICE_LIST,
        "Agent: It's in transit.\nCustomer: Can you give me the tracking number?\n",
        "Agen: Sudah kami proses.\nPelanggan: Tapi saya belum selesai—\n",
    ]
    for document in documents:
        # when
        codes = _codes(document)
        # then
        assert not codes & {"no_courteous_closure", "customer_cut_off"}, document


def test_ending_findings_name_the_side_that_ended():
    # given
    document = (
        "Agen: Halo.\nPelanggan: Saldo saya terpotong dua kali, kenapa ya?\n"
        "[panggilan diakhiri oleh agen]\n"
    )
    # when
    result = _analyze(document)
    # then
    cut = next(f for f in result.findings if f.code == "customer_cut_off")
    assert result.summary.conversation_state == "ended_by_agent"
    assert "Agen mengakhiri" in cut.explanation
    assert cut.turns == (1,)


def test_customer_thanks_after_agent_info_is_no_finding():
    # given: the customer ends it; the agent's last turn is information
    document = "Agen: Kartu sudah kami tutup hari ini.\nPelanggan: Oke, terima kasih.\n"
    # when / then
    assert _codes(document) == set()


# --- Indonesian service register is never curt ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Waalaikumsalam",
        "Wa'alaikumussalam wr wb",
        "Walaikumsalam kak",
        "Assalamualaikum",
        "Alhamdulillah",
        "Insya Allah",
        "InsyaAllah kak",
        "Aamiin",
        "Aamiiin 🤲",
        "Semoga Allah mudahkan",
        "sama2",
        "sama-sama",
        "ibuu",
        "kakk",
        "baik bpk",
        "mksh",
        "tks",
        "🙏",
        "👍👍",
        "Rp 28.500.000",
        "https://wa.me/p/123",
    ],
)
def test_service_register_is_never_curt(text):
    # when
    score = score_utterance(text)
    # then
    assert not [m for m in score.markers if m.kind == "curt"], score.markers
    assert score.politeness >= 0.5


@pytest.mark.parametrize(
    ("text", "dismissive"),
    [
        ("besok rate ya sudah naik", False),
        ("Kalau sudah transfer ya sudah aman kak", False),
        ("Ya sudah, terserah.", True),
        ("Ya udah. Diproses.", True),
        ("yaudah", True),
        ("Ya sudahlah", True),
    ],
)
def test_ya_sudah_is_curt_only_as_a_dismissal(text, dismissive):
    # then
    assert ("dismissive" in _labels(text)) is dismissive


def test_religious_register_whole_conversation_has_no_finding():
    # given
    document = (
        "Agen: Assalamu'alaikum warahmatullahi wabarakatuh, dengan Admin Barokah Tour.\n"
        "Pelanggan: Waalaikumsalam min\n"
        "Agen: Ada yang bisa kami bantu ibuu?\n"
        "Pelanggan: jadwal manasik kapan ya\n"
        "Agen: Insya Allah hari Sabtu jam 8 di kantor bu\n"
        "Pelanggan: Alhamdulillah, mksh\n"
        "Agen: Sama2 bu, semoga Allah mudahkan\n"
        "Pelanggan: Aamiin\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.findings == ()
    assert result.summary.conversation_state == "ended_by_customer"


# --- cancellation, refusal, offers -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cancel"),
    [
        ("Bagaimana kebijakan pembatalan kalau saya reschedule?", False),
        ("Berapa biaya pembatalan tiketnya?", False),
        ("Kalau saya batalkan, uangnya kembali?", False),
        ("What's your cancellation policy?", False),
        ("Can I cancel anytime?", False),
        ("kalau bisa saya mau batalkan saja", True),
        ("Saya mau ajukan pembatalan booking", True),
        ("I want to cancel my subscription", True),
        ("No thank you, I'd just like to cancel", True),
    ],
)
def test_cancellation_is_a_request_not_a_policy_question(text, cancel):
    # then
    assert ("cancellation_request" in score_utterance(text).acts) is cancel


def test_super_help_problem_solved_is_no_refusal_and_no_cut_off():
    # given
    document = (
        "Agent: I've reset the router remotely; could you check now?\n"
        "Customer: Super help - problem solved 😀\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.findings == ()
    assert result.summary.first_refusal_turn is None


@pytest.mark.parametrize(
    "offer",
    [
        "Could I offer you 50% off your next three months?",
        "Would a cheaper plan work better for you?",
        "One last option: we can pause your account for free.",
        "If you stay, we'll waive the fees for a year.",
        "We can give you two months free.",
        "How about switching you to our basic plan?",
        "I can add 5,000 bonus points to your account.",
        "Are you sure? You'd lose your member benefits.",
        "Gimana kalau kami kasih harga khusus kak?",
        "Kakak bisa pindah ke paket yang lebih murah lho",
        "Kalau tetap langganan, kami kasih cashback 20%",
        "Bisa turun paket aja kak, lebih hemat",
    ],
)
def test_retention_offers_by_what_they_offer(offer):
    # then
    assert "retention_offer" in score_utterance(offer).acts


def test_every_offer_after_the_first_clear_refusal_is_counted():
    # given
    document = (
        "Agent: Hello, how can I help?\n"
        "Customer: I want to cancel my subscription.\n"
        "Agent: Could I offer you 50% off your next three months?\n"
        "Customer: No thank you, I'd just like to cancel.\n"
        "Agent: Would a cheaper plan work better for you?\n"
        "Customer: No.\n"
        "Agent: One last option: two months free.\n"
        "Customer: Please cancel it.\n"
        "Agent: Done. Thank you for being with us, have a good day.\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.first_refusal_turn == 3
    assert result.summary.pushes_after_refusal == 2
    push = next(f for f in result.findings if f.code == "push_after_refusal")
    assert push.turns == (4, 6)
    assert push.confidence >= 0.9


def test_agent_honouring_a_cancellation_at_once_has_no_finding():
    # given
    document = (
        "Agen: Selamat siang Bapak, dengan Rina. Ada yang bisa dibantu?\n"
        "Pelanggan: Saya mau berhenti langganan, tolong diproses.\n"
        "Agen: Baik Bapak, langganan sudah kami hentikan. Terima kasih dan semoga harinya "
        "menyenangkan.\n"
    )
    # then
    assert _codes(document) == set()


def test_polite_agent_with_angry_customer_has_no_finding():
    # given
    document = (
        "Agen: Selamat pagi Kak, ada yang bisa kami bantu?\n"
        "Pelanggan: Pelayanan kalian goblok, paket saya hilang!!\n"
        "Agen: Mohon maaf sekali Kak, saya bantu lacak sekarang ya.\n"
        "Pelanggan: Terserah, cepetan\n"
        "Agen: Paket sudah ditemukan di gudang Bekasi, dikirim ulang hari ini. Terima kasih "
        "atas kesabarannya Kak.\n"
    )
    # then
    assert _codes(document) == set()


# --- every finding carries a confidence ---------------------------------------------------


def test_every_finding_has_a_confidence_between_zero_and_one():
    # given
    document = (
        "Agen: Halo Pak.\nPelanggan: Saya mau tutup kartu.\n"
        "Agen: Bapak bisa dapat diskon iuran 50%.\nPelanggan: Tidak, terima kasih.\n"
        "Agen: Yakin Pak? Poin hangus lho.\nPelanggan: Tolong tutup—\n"
        "[panggilan diakhiri oleh agen]\n"
    )
    # when
    findings = _analyze(document).to_dict()["findings"]
    # then
    assert findings
    assert all(0.0 < f["confidence"] <= 1.0 for f in findings)


# --- structure ----------------------------------------------------------------------------


def test_registry_has_one_detector_per_finding_code():
    # then
    assert FINDING_CODES == tuple(d.code for d in REGISTRY)
    assert len(set(FINDING_CODES)) == len(FINDING_CODES)
    assert set(FINDING_CODES) == {
        "push_after_refusal",
        "tone_shift",
        "curt_language",
        "no_courteous_closure",
        "customer_cut_off",
    }
    for detector in REGISTRY:
        assert detector.severity in {"low", "medium", "high"}
        assert detector.explanation_keys and detector.label and callable(detector.detect)


def test_role_error_carries_the_speakers_as_data():
    # given
    document = "Rina: Halo\nBudi: Halo juga\nSari: Saya ikut\n"
    # when
    with pytest.raises(RoleError) as caught:
        parse(document, fmt="text")
    # then
    assert caught.value.speakers == ["Rina", "Budi", "Sari"]
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.speakers == ["Rina", "Budi", "Sari"] and copy.message == caught.value.message


@pytest.mark.parametrize(
    ("last_agent", "state"),
    [
        ("Your order will be ready shortly. Thank you!", "ended_by_agent"),
        ("Terima kasih kak 🙏", "ended_by_agent"),
        ("Thank you for confirming. Your order will be ready soon.", "open"),
        ("Is there anything else on the menu you'd like?", "open"),
        ("Is there anything else I can help you with?", "ended_by_agent"),
        ("Thank you for banking with us.", "ended_by_agent"),
    ],
)
def test_closing_thanks_ends_the_message_to_sign_off(last_agent, state):
    # given
    document = f"Customer: One latte please.\nAgent: {last_agent}\n"
    # then
    assert _analyze(document).summary.conversation_state == state


def test_agent_ending_on_a_customer_report_is_a_cut_off_and_a_holding_reply_answers_nothing():
    # given
    report = "Agen: Halo.\nPelanggan: Token sudah saya bayar tapi belum masuk\n[chat ditutup oleh agen]\n"
    holding = "Agen: Halo.\nPelanggan: Saldo terpotong dua kali, kenapa?\nAgen: Tunggu.\n[chat ditutup oleh agen]\n"
    answered = "Agen: Halo.\nPelanggan: Saldo terpotong dua kali, kenapa?\nAgen: Dana sudah dikembalikan.\n[chat ditutup oleh agen]\n"
    # then
    assert "customer_cut_off" in _codes(report)
    assert "customer_cut_off" in _codes(holding)
    assert _codes(answered) == {"no_courteous_closure"}


def test_an_agent_curt_from_the_start_has_curt_language_not_a_tone_shift():
    # given
    document = (
        "Pelanggan: Kenapa kiriman saya belum sampai?\n"
        "Agen: Kan sudah saya bilang, tunggu saja.\n"
        "Pelanggan: Tapi sudah lewat 3 hari\n"
        "Agen: Bukan urusan saya.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes
    assert "tone_shift" not in codes


def test_a_plain_offer_after_a_refusal_is_a_push_not_a_tone_shift():
    # given
    document = (
        "Agen: Selamat pagi Ibu, ada yang bisa dibantu?\n"
        "Pelanggan: Saya mau putus langganan TV kabel.\n"
        "Agen: Kami bisa kasih diskon 30% selama 6 bulan Bu.\n"
        "Pelanggan: Tidak perlu, tolong putuskan saja.\n"
        "Agen: Atau turun paket ke yang basic, lebih hemat?\n"
    )
    # when
    codes = _codes(document)
    # then
    assert codes == {"push_after_refusal"}


def test_is_question_is_exactly_the_question_pattern():
    # given: every turn of the development set and some edge cases
    from pathlib import Path

    from karib.tone.lexicon import QUESTION_RE, is_question

    devset = Path(__file__).parent / "devset"
    texts = [
        line.split(": ", 1)[-1]
        for path in devset.glob("written_*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    texts += ["gimana", "ini bagaimana ya", "kapan 😀😀", "apa_", "x apa", "Kenapa!!!", ""]
    # then
    assert [is_question(t) for t in texts] == [QUESTION_RE.search(t) is not None for t in texts]
