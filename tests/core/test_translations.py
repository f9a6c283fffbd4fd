"""Both catalogues ship complete, and the committed .mo files match their .po sources."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "src" / "karib"
CATALOGUES = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def test_both_languages_have_a_project_catalogue():
    languages = {path.parts[-3] for path in CATALOGUES if path.parts[-5] == "karib"}
    assert {"id", "en"} <= languages


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    missing = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
    assert missing == [], f"{path}: untranslated {missing[:10]}"


@pytest.mark.parametrize(
    "path", [p for p in CATALOGUES if p.parts[-3] == "en"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_english_catalogue_is_the_source_text(path):
    wrong = [
        entry.msgid
        for entry in polib.pofile(str(path))
        if (entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr) != entry.msgid
    ]
    assert wrong == [], f"{path}: English entries that differ from their source: {wrong[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path} missing: run `python scripts/i18n.py compile`"
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(path))}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))
    }
    stale = {key for key in source if compiled.get(key) != source[key] and key[1]}
    assert not stale, f"{mo_path} is stale for {sorted(stale)[:5]}: recompile"


def test_ui_is_indonesian_by_default_and_english_on_request():
    with translation.override("id"):
        assert translation.gettext("Log out") == "Keluar"
    with translation.override("en"):
        assert translation.gettext("Log out") == "Log out"
