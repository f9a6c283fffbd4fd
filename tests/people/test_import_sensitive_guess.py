"""A contact import must not confirm a sensitive fact the importer cannot read: a card whose
note repeats that fact is treated like a card with any other note (secprobe3, F1)."""

from __future__ import annotations

import pytest

from karib.people.imports import Source, contacts_import
from karib.people.models import PersonalFact
from tests.support.seeds import SENSITIVE_TEXT, seed_people_world


def _card(note: str) -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Suryo Wibowo\r\nN:Wibowo;Suryo;;;\r\n"
        f"ORG:Direktorat Layanan Data\r\nNOTE:{note}\r\nEND:VCARD\r\n"
    ).encode()


def _actions(user, note: str, *, bulk: bool) -> list[str]:
    report = contacts_import(
        sources=[Source(name="c.vcf", raw=_card(note))], user=user, commit=False, bulk=bulk
    )
    return [row.action for row in report.rows]


@pytest.mark.django_db
@pytest.mark.parametrize("bulk", [True, False])
def test_a_guessed_sensitive_fact_looks_like_any_other_note(bulk: bool) -> None:
    world = seed_people_world()
    reader = world.user("through_one")
    assert not PersonalFact.objects.visible_to(reader).filter(text=SENSITIVE_TEXT).exists()
    before = PersonalFact.objects.count()

    right_guess = _actions(reader, SENSITIVE_TEXT, bulk=bulk)
    wrong_guess = _actions(reader, "Dirawat karena sakit ginjal", bulk=bulk)

    assert right_guess == wrong_guess
    assert "skip" not in right_guess
    assert PersonalFact.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("bulk", [True, False])
def test_a_fact_the_importer_can_read_is_still_known(bulk: bool) -> None:
    world = seed_people_world()
    owner = world.user("owner")
    assert PersonalFact.objects.visible_to(owner).filter(text=SENSITIVE_TEXT).exists()

    assert _actions(owner, SENSITIVE_TEXT, bulk=bulk) == ["skip"]
