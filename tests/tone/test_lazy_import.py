"""The package, the CLI and the dispatch tables are lazy: importing ``karib.tone`` imports none
of the engine, ``karib tone --help`` and ``--version`` answer without it, and the dispatch
tables are built on first use. Every check that depends on what a process imported runs in
a fresh interpreter (this test process has imported the whole engine already)."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import karib
import karib.tone
from karib.tone import cli, lexicon, sources
from karib.tone.analysis import ENGINE_VERSION
from karib.tone.dispatch import Dispatch

SRC = Path(karib.__file__).resolve().parents[1]
# The modules that hold the engine (parsing, analysis, scoring and their tables).
ENGINE = (
    "karib.tone.analysis",
    "karib.tone.scoring",
    "karib.tone.lexicon",
    "karib.tone.strategies",
    "karib.tone.dispatch",
    "karib.tone.sentiment",
    "karib.tone.parsing",
    "karib.tone.whatsapp",
    "karib.tone.records",
    "karib.tone.detectors",
)
REPORT = f"import json, sys; print(json.dumps(sorted(m for m in {ENGINE!r} if m in sys.modules)))"


def _python(code: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        env=env,
    )


def _engine_loaded(code: str) -> list[str]:
    run = _python(code + "\n" + REPORT)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_importing_the_package_imports_none_of_the_engine():
    # when
    loaded = _engine_loaded("import karib.tone")
    # then
    assert loaded == []


def test_reading_the_version_imports_none_of_the_engine():
    # when
    loaded = _engine_loaded(
        f"import karib.tone; assert karib.tone.ENGINE_VERSION == {ENGINE_VERSION!r}"
    )
    # then
    assert loaded == []


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["--help"], 0, "analyze"),
        (["analyze", "--help"], 0, "--input-format"),
        (["--version"], 0, f"karib.tone {ENGINE_VERSION}"),
        (["analyze"], 2, "the following arguments are required: FILE"),
    ],
    ids=["help", "analyze-help", "version", "usage-error"],
)
def test_help_version_and_usage_errors_answer_without_the_engine(argv, code, expected):
    # given
    program = (
        "import sys\nfrom karib.tone.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit as exit:\n"
        "    print('exit', exit.code, file=sys.stderr)\n"
    )
    # when
    run = _python(program + REPORT)
    # then
    assert run.returncode == 0, run.stderr
    assert f"exit {code}" in run.stderr
    assert expected in run.stdout + run.stderr
    assert json.loads(run.stdout.splitlines()[-1]) == []


def test_karib_tone_help_through_the_console_script_and_python_m():
    # when
    console = _python(
        "import sys; from karib.cli import main; sys.exit(main(sys.argv[1:]))", "tone", "--help"
    )
    module = _python("import runpy; runpy.run_module('karib.tone', run_name='__main__')", "--help")
    # then
    for run in (console, module):
        assert run.returncode == 0, run.stderr
        assert "usage: karib tone" in run.stdout
        assert "analyze" in run.stdout
        assert "score" in run.stdout


def test_score_from_a_fresh_process_still_answers():
    # when
    run = _python(
        "from karib.tone.cli import main; raise SystemExit(main(['score']))",
        stdin="Terima kasih banyak, Bapak.\n",
    )
    # then
    assert run.returncode == 0, run.stderr
    row = json.loads(run.stdout)
    assert row["text"] == "Terima kasih banyak, Bapak."
    assert "thanks" in [marker["label"] for marker in row["markers"]]


def test_every_public_name_resolves_to_its_module_object_in_a_fresh_process():
    # given
    program = (
        "import karib.tone as tone\n"
        "for name in tone.__all__:\n"
        "    exec(f'from karib.tone import {name} as value')\n"
        "    assert getattr(tone, name) is value, name\n"
        "    assert name in dir(tone), name\n"
        "print(len(tone.__all__))\n"
    )
    # when
    run = _python(program)
    # then
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == len(karib.tone.__all__)


def test_every_public_name_is_the_object_of_its_module():
    # given
    from karib.tone import analysis, detectors, errors, parsing, records, scoring

    redaction = importlib.import_module("karib.tone.redact")  # the attribute is the function
    modules = (analysis, detectors, errors, parsing, records, redaction, scoring)
    # then
    for name in karib.tone.__all__:
        value = getattr(karib.tone, name)
        homes = [m for m in modules if getattr(m, name, None) is value]
        assert homes, name
    assert set(karib.tone.__all__) <= set(dir(karib.tone))
    assert len(set(karib.tone.__all__)) == len(karib.tone.__all__) == 24


def test_redact_stays_the_function_after_its_module_is_imported():
    # when
    run = _python(
        "import importlib\nmodule = importlib.import_module('karib.tone.redact')\n"
        "from karib.tone import redact\n"
        "import karib.tone\n"
        "assert redact is module.redact and karib.tone.redact is module.redact\n"
        "print(redact('hubungi 081234567890').text)"
    )
    # then
    assert run.returncode == 0, run.stderr
    assert "081234567890" not in run.stdout


def test_submodules_read_as_attributes_still_resolve_and_unknown_names_do_not():
    # when
    run = _python(
        "import karib.tone as tone\n"
        "assert tone.lexicon.__name__ == 'karib.tone.lexicon'\n"
        "assert not hasattr(tone, 'no_such_thing')\n"
        "try:\n    tone.no_such_thing\nexcept AttributeError as e:\n    print(e)\n"
    )
    # then
    assert run.returncode == 0, run.stderr
    assert "has no attribute 'no_such_thing'" in run.stdout


def test_the_dispatch_tables_are_built_on_first_use_not_at_import():
    # given
    program = (
        "from karib.tone import score_utterance\n"
        "from karib.tone import lexicon, strategies\n"
        "before = (lexicon.MARKER_DISPATCH.built, strategies.PHRASE_DISPATCH.built,"
        " lexicon._marker_re.cache_info().currsize)\n"
        "labels = [m.label for m in score_utterance('Terima kasih, please send it.').markers]\n"
        "after = (lexicon.MARKER_DISPATCH.built, strategies.PHRASE_DISPATCH.built)\n"
        "print(before, after, 'thanks' in labels)\n"
    )
    # when
    run = _python(program)
    # then
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["(False,", "False,", "0)", "(True,", "True)", "True"]


def test_a_lazy_dispatch_matches_as_its_combined_pattern():
    # given
    dispatch = Dispatch([("a", "terima kasih|makasih"), ("b", "tolong"), ("c", "^ya sudah")])
    text = "ya sudah, makasih ya. tolong dicek, terima kasih"
    # when
    dispatch.clear_cache()  # nothing to forget yet: does not build
    unbuilt = dispatch.built
    found = [(m.lastgroup, m.span()) for m in dispatch.finditer(text)]
    # then
    assert unbuilt is False
    assert dispatch.built is True
    assert found == [(m.lastgroup, m.span()) for m in dispatch.combined.finditer(text)]
    assert [name for name, _ in found] == ["c", "a", "b", "a"]


def test_an_unknown_dispatch_attribute_is_an_attribute_error_and_builds_nothing():
    # given
    dispatch = Dispatch([("a", "tolong")])
    # then
    assert not hasattr(dispatch, "no_such_table")
    assert dispatch.built is False


def test_the_marker_pattern_is_still_exported_and_compiled_once():
    # then
    assert lexicon.MARKER_RE is lexicon.MARKER_RE
    assert lexicon.MARKER_RE.pattern == lexicon.MARKER_DISPATCH.combined.pattern


def test_the_cli_lists_the_input_formats_the_parsers_take():
    # then
    assert cli.FORMATS == sources.FORMATS
