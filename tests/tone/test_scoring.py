from pathlib import Path

import pytest

from karib.tone import analyze, parse, score_utterance
from karib.tone.lexicon import MARKER_DISPATCH
from karib.tone.strategies import PHRASE_DISPATCH

GOLDEN = Path(__file__).parent / "cases" / "golden.txt"
DEVSET = Path(__file__).parent / "devset"
# Elongated, abbreviated and religious spellings: the alternatives with repeats, whose
# leading strings the candidate filter has to cover.
SPELLINGS = [
    "assalamualaikum kak",
    "asslm",
    "ass wr wb",
    "waalaikumsalam wr wb",
    "wa alaikum salam",
    "aamiin",
    "aaamiiin",
    "amin ya",
    "insya allah",
    "inshallah",
    "alhamdulillah",
    "ibuuu",
    "buuu",
    "kakkk",
    "kaaak",
    "kk",
    "paaak",
    "mbaaak",
    "mbaa",
    "bundaaa",
    "ma'am",
    "mr. x",
    "makasiiih",
    "terimakasih",
    "trims",
    "thx",
    "gpp",
    "udh",
    "ga usah",
    "gausah",
    "nggak mau",
    "sdh saya bilang",
    "baca dong",
    "ya udah",
    "ya sudahlah",
    "bodo amat",
    "whatever",
]


@pytest.mark.parametrize(
    ("text", "label", "raw"),
    [
        ("Makasih bgt ya kak", "thanks", "Makasih"),
        ("Makasih bgt ya kak", "address", "kak"),
        ("Mhn maaf, pak", "apology", "Mhn maaf"),
        ("tlg dicek ya", "please", "tlg"),
        ("Selamat pagi, Ibu", "greeting", "Selamat pagi"),
        ("Selamat pagi, Ibu", "address", "Ibu"),
        ("Mungkin bisa dicoba besok", "hedge", "Mungkin"),
        ("Semoga harinya menyenangkan", "wishes", "Semoga"),
        ("Ada lagi yg bisa dibantu?", "offer_help", "Ada lagi yg bisa dibantu"),
        ("Terserah.", "dismissive", "Terserah"),
        ("ya udah lah", "dismissive", "ya udah lah"),
        ("Kan udah saya bilang dari awal", "blame", "Kan udah saya bilang"),
        ("Ya rugi sendiri", "blame", "rugi sendiri"),
        ("Tunggu sebentar", "bare_imperative", "Tunggu"),
        ("Ok.", "one_word", "Ok."),
        ("Whatever, if you say so", "dismissive", "Whatever"),
        ("Could you please send it again, sir?", "please", "please"),
        ("Could you please send it again, sir?", "address", "sir"),
    ],
)
def test_markers_have_spans_in_the_raw_text(text, label, raw):
    # given / when
    markers = score_utterance(text).markers
    # then
    found = [m for m in markers if m.label == label]
    assert found, [m.to_dict() for m in markers]
    assert found[0].text == raw
    assert text[found[0].start : found[0].end] == raw


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Selamat siang kak", "greeting"),
        ("makasih ya", "thanks"),
        ("Mohon maaf atas kendalanya", "apology"),
        ("Kapan paket saya sampai", "question"),
        ("kok belum sampai?", "question"),
        ("aku mau tutup kartu kredit", "cancellation_request"),
        ("I'd like to close my account", "cancellation_request"),
        ("gak usah kak, makasih", "refusal"),
        ("No thanks, I'm sure", "refusal"),
        ("Kami bebaskan iuran tahunan", "retention_offer"),
        ("You'll lose your points", "retention_offer"),
        ("Kami bisa bekukan keanggotaan", "retention_offer"),
        ("Terima kasih telah menghubungi kami", "closing"),
        ("Have a nice day!", "closing"),
    ],
)
def test_acts(text, act):
    # given / when
    acts = score_utterance(text).acts
    # then
    assert act in acts


@pytest.mark.parametrize(
    ("polite", "curt"),
    [
        ("Terima kasih, Bapak, mohon ditunggu sebentar ya.", "Tunggu."),
        ("Mohon maaf Kak, silakan dicek kembali.", "Baca dong, kan sudah saya bilang."),
        ("Thank you, sir, could you please hold on?", "Whatever."),
    ],
)
def test_politeness_orders_polite_above_curt(polite, curt):
    # given / when
    polite_score = score_utterance(polite).politeness
    curt_score = score_utterance(curt).politeness
    # then
    assert polite_score > 0.7
    assert curt_score < 0.4


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("pelayanannya bagus banget, cepet dan ramah", "positive"),
        ("kecewa bgt, pelayanan lemot dan jelek", "negative"),
    ],
)
def test_sentiment_model(text, sentiment):
    # given / when
    result = score_utterance(text)
    # then
    assert result.sentiment == sentiment
    assert abs(sum(result.sentiment_scores.values()) - 1.0) < 0.01


def test_customer_rudeness_does_not_lower_the_agent_score():
    # given
    calm = (
        "Agen: Selamat pagi Bapak, ada yang bisa dibantu?\nPelanggan: Internet saya mati.\n"
        "Agen: Mohon maaf Bapak, teknisi datang hari ini. Terima kasih, semoga harinya baik.\n"
    )
    rude = calm.replace("Internet saya mati.", "Internet mati lagi, kalian bodoh, payah!")
    # when
    calm_summary = analyze(parse(calm)[0]).summary
    rude_summary = analyze(parse(rude)[0]).summary
    # then
    assert rude_summary.score == calm_summary.score
    assert rude_summary.agent_politeness == calm_summary.agent_politeness


def test_summary_has_exactly_the_contract_keys_and_findings_explain():
    # given
    document = (
        "Agent: Hello.\nCustomer: Please cancel my plan.\nAgent: You'll lose your points.\n"
        "Customer: No thanks.\nAgent: Are you sure? Last chance for a discount.\n"
        "Customer: Yes—\n[call ended by agent]\n"
    )
    # when
    result = analyze(parse(document)[0], lang="en").to_dict()
    id_result = analyze(parse(document)[0], lang="id").to_dict()
    # then
    assert list(result) == ["conversation_id", "language", "summary", "findings", "turns"]
    assert set(result["summary"]) == {
        "cancellation_request",
        "first_refusal_turn",
        "retention_offers",
        "pushes_after_refusal",
        "tone_shift",
        "courteous_closure",
        "customer_cut_off",
        "agent_politeness",
        "customer_sentiment_trend",
        "score",
        "conversation_state",
    }
    assert result["summary"]["conversation_state"] == "ended_by_agent"
    codes = {f["code"] for f in result["findings"]}
    # one ending finding: the cut-off says how the agent ended it
    assert {"push_after_refusal", "customer_cut_off"} <= codes
    assert "no_courteous_closure" not in codes
    assert all(0.0 < f["confidence"] <= 1.0 for f in result["findings"])
    push = next(f for f in result["findings"] if f["code"] == "push_after_refusal")
    assert push["turns"] == [4]
    assert "refusal" in push["explanation"]
    id_push = next(f for f in id_result["findings"] if f["code"] == "push_after_refusal")
    assert "menolak" in id_push["explanation"]
    assert result["language"] == "en"


@pytest.mark.parametrize(
    ("values", "trend"),
    [
        (
            ["Saya kecewa sekali, pelayanan buruk", "Wah bagus, terima kasih banyak, puas"],
            "improving",
        ),
        (["Terima kasih, pelayanannya bagus", "Saya kecewa, jelek sekali, menyesal"], "worsening"),
        (["Halo"], "unknown"),
    ],
)
def test_customer_sentiment_trend(values, trend):
    # given
    lines = []
    for value in values:
        lines += ["Agen: Baik, Bapak.", f"Pelanggan: {value}"]
    # when
    summary = analyze(parse("\n".join(lines) + "\n")[0]).summary
    # then
    assert summary.customer_sentiment_trend == trend


@pytest.mark.parametrize(
    ("text", "label", "raw"),
    [
        ("Could you take a look at this?", "counterfactual_modal", "Could you"),
        ("Can you take a look?", "indicative_modal", "Can you"),
        ("Thanks a lot for the answer.", "gratitude", "Thanks"),
        ("Great post. What does it do?", "deference", "Great"),
        ("Great post. What does it do?", "direct_question", "What"),
        ("Please send the file.", "please_start", "Please"),
        ("By the way, I fixed it.", "indirect_btw", "By the way"),
        ("So why is it broken?", "direct_start", "So"),
        ("Actually, it works.", "factuality", "Actually"),
    ],
)
def test_english_strategies_are_markers_with_spans(text, label, raw):
    # given / when
    markers = score_utterance(text).markers
    # then
    found = [m for m in markers if m.label == label]
    assert found, [m.to_dict() for m in markers]
    assert found[0].kind == "strategy"
    assert text[found[0].start : found[0].end] == raw


def test_fitted_strategies_order_indirect_requests_above_direct_ones():
    # given
    polite = "Could you take a look at my question, if you have a moment? Thanks!"
    direct = "Why is this broken? So what does it do?"
    # when / then
    assert score_utterance(polite).politeness > score_utterance(direct).politeness


def test_strategies_never_raise_a_curt_turn():
    # given: "check" carries a positive fitted weight on the training site
    curt = score_utterance("Like I said, check your router.")
    # when
    strategy = [m for m in curt.markers if m.kind == "strategy"]
    # then
    assert strategy
    assert curt.politeness <= 0.5 - 0.35


@pytest.mark.parametrize(
    "dispatch", [MARKER_DISPATCH, PHRASE_DISPATCH], ids=["markers", "strategies"]
)
def test_dispatch_finds_exactly_what_the_combined_pattern_finds(dispatch):
    # given
    texts = (GOLDEN.read_text(encoding="utf-8") + "\nFine... fine. Whatever!\n ...fine, ok").lower()
    extra = ["", "...fine", "  fine", "fine", "a", "i", "by the way, btw", "could u", "x'y i'm"]
    devset = [
        path.read_text(encoding="utf-8").lower()
        for path in [*DEVSET.glob("written_*.txt"), DEVSET / "public.jsonl"]
    ]
    lines = [line for text in devset for line in text.splitlines()]
    for line in [*texts.splitlines(), texts, *extra, *SPELLINGS, *lines]:
        # when
        dispatched = [(m.span(), m.lastgroup) for m in dispatch.finditer(line)]
        combined = [(m.span(), m.lastgroup) for m in dispatch.combined.finditer(line)]
        # then
        assert dispatched == combined, line


def test_english_strategies_stay_off_indonesian_turns():
    # given: "main" and "menu" are English lexicon words, but this is Indonesian
    text = "Saya mau main ke menu utama tapi tidak bisa, kak"
    # when
    markers = score_utterance(text).markers
    # then
    assert not [m for m in markers if m.kind == "strategy"]


# --- cancellation requests -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cancel"),
    [
        ("Tolong batalkan saja langganan saya kak", True),
        ("Batalkan saja", True),
        ("Saya mau tutup kartu kredit", True),
        ("Please cancel my membership.", True),
        ("Tolong jangan batalkan pesanan saya", False),
        ("I don't want to cancel, I just want to know the fee", False),
        ("Saya tidak mau berhenti langganan", False),
        ("Kenapa pesanan saya di-cancel sepihak?", False),
        ("Teleponnya ditutup saja dulu mbak", False),
        ("Saya mau nonaktifkan notifikasi", False),
        ("How do I unsubscribe from the newsletter emails?", False),
    ],
)
def test_cancellation_request(text, cancel):
    assert ("cancellation_request" in score_utterance(text).acts) is cancel


@pytest.mark.parametrize(
    "text", ["Saya tidak mau berhenti langganan", "I don't want to cancel, just asking"]
)
def test_negated_cancel_is_no_refusal_either(text):
    assert "refusal" not in score_utterance(text).acts


def test_batalkan_saja_is_a_request_not_a_refusal():
    assert score_utterance("Tolong batalkan saja langganan saya kak").acts == (
        "cancellation_request",
    )


# --- elongated markers keep raw spans -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "raw"),
    [
        ("Makasiiih kak", "thanks", "Makasiiih"),
        ("Makasiiih kak", "address", "kak"),
        ("oke kakkk", "address", "kakkk"),
        ("Terima kasih bangettt kak", "address", "kak"),
        ("pleaseee help me", "please", "pleaseee"),
        ("Maaaaf ya kak", "apology", "Maaaaf"),
        ("Selamaaat pagiii Ibu", "greeting", "Selamaaat pagiii"),
    ],
)
def test_elongated_markers_keep_raw_spans(text, label, raw):
    found = [m for m in score_utterance(text).markers if m.label == label]
    assert found, _labels(text)
    marker = found[0]
    assert (marker.text, text[marker.start : marker.end]) == (raw, raw)


# --- retention offers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We could give you 3 months free if you stay",
        "You get 2 months free.",
        "Dapat 3 bulan gratis kak.",
        "If you stay with us we can help.",
        "Kalau tetap berlangganan, Kakak dapat poin ganda.",
    ],
)
def test_retention_offers(text):
    assert "retention_offer" in score_utterance(text).acts


# --- strategy weights on service turns ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["What about a free upgrade to premium?", "You'll lose all your points"],
)
def test_strategies_do_not_wreck_neutral_offer_turns(text):
    assert score_utterance(text).politeness >= 0.4


# --- curt words and short requests --------------------------------------------------------


@pytest.mark.parametrize("text", ["Berhenti langganan", "Batalkan saja", "Cancel it"])
def test_short_requests_are_not_one_word_replies(text):
    assert "one_word" not in _labels(text)


def test_no_thanks_is_not_perfectly_polite():
    assert score_utterance("No thanks").politeness < 0.9


@pytest.mark.parametrize("text", ["Terserah", "Whatever", "Terserah lah"])
def test_curt_words_are_not_positive(text):
    assert score_utterance(text).sentiment != "positive"


def _labels(text: str) -> dict[str, str]:
    return {m.label: text[m.start : m.end] for m in score_utterance(text).markers}
