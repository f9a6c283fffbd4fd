"""The learned curt-turn model: loads, orders curt above polite, spares the service register."""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from karib.tone import curtmodel
from karib.tone.curtmodel import curt_probability, features, load_model, normalise

ROOT = Path(__file__).resolve().parents[2]
DEVSET = Path(__file__).parent / "devset"
THRESHOLD = 0.85  # the threshold bench/curt_cv.py chooses by cross-validation

CURT = [
    "Whatever. Not my problem.",
    "Terserah kakak, itu salah kakak sendiri.",
    "Kan sudah saya bilang, baca dong.",
    "Ya sudah, terserah Bapak.",
]
POLITE = [
    "Mohon maaf atas ketidaknyamanannya, Bu. Boleh saya cek nomor pesanannya?",
    "Thank you for contacting us, have a great day!",
    "Terima kasih sudah menghubungi kami, semoga harinya menyenangkan",
    "I'm sorry about that. Let me check your order for you.",
]
NEVER_CURT = [
    "Waalaikumsalam kak",
    "Wa'alaikumussalam warahmatullahi wabarakatuh, Alhamdulillah pesanan sudah dikirim ya kak",
    "Aamiin, semoga Allah mudahkan",
    "Insya Allah besok sampai kak",
    "Sama-sama kak",
    "sama2 kakk",
    "Paket A Rp 35.000/box, Paket B Rp 45.000/box, Paket C Rp 60.000/box",
    "Harga Rp 459.000, ongkir ke Bekasi Rp 12.000",
    "besok rate ya sudah naik kak",
]


def test_the_shipped_model_loads_once_and_has_weights_and_a_platt_scaling():
    # when
    model = load_model()
    # then
    assert load_model() is model
    assert len(model.weights) > 1000
    assert model.platt_a > 0


@pytest.mark.parametrize("text", CURT)
def test_curt_wordings_are_above_the_threshold(text):
    assert curt_probability(text) >= THRESHOLD


def test_every_curt_wording_scores_above_every_polite_one():
    # when
    lowest_curt = min(curt_probability(t) for t in CURT)
    highest_polite = max(curt_probability(t) for t in POLITE)
    # then
    assert highest_polite < 0.15
    assert lowest_curt > highest_polite


@pytest.mark.parametrize("text", NEVER_CURT)
def test_religious_register_sama_sama_and_price_lists_stay_low(text):
    assert curt_probability(text) < 0.15


@pytest.mark.parametrize("text", ["", "   ", "🙏🙏", "👍"])
def test_empty_and_emoji_only_turns_are_zero(text):
    assert curt_probability(text) == 0.0


def test_normalise_squeezes_elongations_and_folds_digits_and_urls():
    assert normalise("Ibuu, kakk") == "ibu, kak"
    assert normalise("Rp 459.000 https://x.id/menu") == "rp 0.0  url "


def test_features_hold_words_bigrams_and_structural_cues():
    # when
    feats = features("Please read the FAQ?")
    # then
    assert {"w:please", "b:<s> please", "b:faq </s>", "s:question", "s:softener"} <= set(feats)
    assert "s:imperative_start" in features("Read the FAQ.")


def test_the_model_runs_in_pure_python_without_django_or_numpy():
    # given
    code = (
        "import sys; from karib.tone.curtmodel import curt_probability as p; "
        "p('Terserah kakak.'); "
        "print(sorted(m for m in ('django', 'numpy', 'sklearn') if m in sys.modules))"
    )
    # when
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    # then
    assert out.stdout.strip() == "[]"
    assert "django" not in Path(curtmodel.__file__).read_text(encoding="utf-8")


def _eval_module():
    spec = importlib.util.spec_from_file_location("tone_eval", ROOT / "bench" / "tone_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("tone_eval", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_curt_turn_marks_cover_agent_turns_of_tuning_conversations_only():
    # given
    cases = {c.case_id: c for c in _eval_module().load(DEVSET)}
    rows = [
        line.split("\t")
        for line in (DEVSET / "curt_turns.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    # when
    header, marks = rows[0], rows[1:]
    marked = {m[0] for m in marks}
    # then
    assert header == ["conversation", "turn", "label", "text"]
    assert {m[2] for m in marks} == {"curt", "not_curt", "unsure"}
    for case_id, turn, _label, _text in marks:
        case = cases[case_id]
        assert case.part == "tuning"
        assert case.findings & {"curt_language", "tone_shift"}
        assert case.conversation.turns[int(turn)].role == "agent"
    # every such conversation of each file the marks reach is marked (a blind part written
    # after the marks, part T on, is marked when it is used for training, not before)
    files = {cases[case_id].file for case_id in marked}
    wanted = {
        c.case_id
        for c in cases.values()
        if c.file in files and c.part == "tuning" and c.findings & {"curt_language", "tone_shift"}
    }
    assert marked == wanted
    assert {"written_b", "written_p", "written_q", "written_r", "written_s"} <= files
    assert {"written_t", "written_u", "written_v"} <= files
    assert {"written_w", "written_x", "written_y", "written_z"} <= files
    # the blind parts written after Z stay unread (tuning-only for the detectors)
    assert not files & {"written_za", "written_zb"}


def _train_curt():
    spec = importlib.util.spec_from_file_location("train_curt", ROOT / "scripts" / "train_curt.py")
    assert spec is not None and spec.loader is not None
    train_curt = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_curt", train_curt)  # dataclasses look their module up
    spec.loader.exec_module(train_curt)
    return train_curt


def test_the_curt_training_loads_parts_a_to_z_and_never_the_blind_za_zb():
    # given
    train_curt = _train_curt()
    case = next(iter(_eval_module().load(DEVSET)))

    def written(stem: str):
        return dataclasses.replace(case, source="written", file=stem)

    # then: "za" > "z" in string order, but the selection is by membership, not order
    assert train_curt.LAST_WRITTEN == "z"
    assert train_curt.WRITTEN_PARTS == frozenset("abcdefghijklmnopqrstuvwxyz")
    assert train_curt.known(written("written_z"))
    assert train_curt.known(written("written_a"))
    for blind in ("written_za", "written_zb", "written_zz", "written_z2"):
        assert not train_curt.known(written(blind))
    # an older recipe trains on its own parts only, and never on za/zb
    older = train_curt.Recipe(last_part="v")
    assert older.trains_on("written_v") and not older.trains_on("written_w")
    assert not train_curt.Recipe(last_part="z").trains_on("written_za")
    with pytest.raises(ValueError):
        train_curt.parts_up_to("za")


def test_the_curt_training_data_hold_no_blind_or_held_out_conversation():
    # given
    train_curt = _train_curt()
    # when
    cases = train_curt.tuning_cases()
    # then
    files = {c.file for c in cases}
    assert "written_z" in files
    assert not files & {"written_za", "written_zb"}
    assert {c.part for c in cases} == {"tuning"}


# --- wired beside the rules (detectors.learned_curt_turns) --------------------------------


def _findings(agent_text: str) -> list[tuple[str, float, tuple[int, ...]]]:
    from karib.tone import analyze, parse

    document = (
        "Pelanggan: kak pesanan saya gimana ya? udah seminggu\n"
        f"Agen: {agent_text}\n"
        "Pelanggan: oh gitu\n"
    )
    analysis = analyze(parse(document, fmt="text", name="case")[0])
    return [(f.code, f.confidence, f.turns) for f in analysis.findings]


def test_the_model_raises_curt_language_where_no_rule_does_with_its_own_confidence():
    from karib.tone.detectors import CURT_MODEL_CONFIDENCE

    # a curt wording no rule names: found by the model alone, at the model's confidence
    assert _findings("Ya ampun, ini kan sudah jelas di aplikasi, masa nggak bisa?") == [
        ("curt_language", CURT_MODEL_CONFIDENCE, (1,))
    ]
    # a wording a rule names keeps the rule's (higher) confidence
    ((code, confidence, turns),) = _findings("Makanya baca dulu sebelum komplain.")
    assert (code, turns) == ("curt_language", (1,))
    assert confidence > CURT_MODEL_CONFIDENCE


@pytest.mark.parametrize(
    "text",
    [
        "Harga paket A 150rb, paket B 250rb kak.",
        "Waalaikumsalam, ada yang bisa dibantu?",
        "Sama-sama kak, semoga harinya menyenangkan",
    ],
)
def test_the_model_raises_nothing_on_what_is_never_curt(text):
    assert "curt_language" not in {code for code, _c, _t in _findings(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Policy number. Then wait.",  # bare commands: a tone shift's wording, not curt language
        "Yo wis mas, tak kirim sesuk",  # "ya sudah" opening: the rules read it in context
        "Ya udah kak, saya proses sekarang ya",
    ],
)
def test_what_the_rules_read_in_context_is_left_to_them(monkeypatch, text):
    # given a model that reads every turn as curt
    monkeypatch.setattr("karib.tone.detectors.curt_probability", lambda _text: 1.0)
    # then it raises nothing on the turns the rules must judge
    assert "curt_language" not in {code for code, _c, _t in _findings(text)}
    # while any other turn it reads as curt is raised
    assert "curt_language" in {code for code, _c, _t in _findings("Caranya gitu aja kak")}
