"""The reference that names a person without personal data ("Person #4") is stored the same in
every language and read in the reader's: the erasure page shows it, asks to type it and says
it was erased in their words ("Kontak #4" in Indonesian), as the request list does after."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from karib.core.services import profile_set_language
from karib.people.models import Person
from karib.privacy import services
from karib.privacy.models import Erasure, SubjectRequest

from .test_rights import _client, setting  # noqa: F401  (the shared fixture)

pytestmark = pytest.mark.django_db

MSGID = "Person #%(number)s"


@pytest.fixture(autouse=True)
def indonesian_reference(monkeypatch):
    """The Indonesian msgstr of the reference (glossary: person = kontak), supplied while the
    catalogue does not carry it yet; once it does, the catalogue's own is read."""
    with translation.override("id"):
        catalogue = trans_real.translation("id")._catalog
        if MSGID not in catalogue:
            monkeypatch.setitem(catalogue._catalogs[0], MSGID, "Kontak #%(number)s")


@pytest.mark.parametrize(("language", "word"), [("en", "Person"), ("id", "Kontak")])
def test_a_stored_reference_reads_in_the_readers_language(language, word):
    from karib.privacy.models import reference_text

    with translation.override(language):
        assert reference_text("Person #4") == f"{word} #4"
        assert reference_text("E-1") == "E-1"  # any other reference as stored


@pytest.mark.parametrize(("language", "word"), [("en", "Person"), ("id", "Kontak")])
def test_the_erasure_page_names_the_person_in_the_readers_language(setting, language, word):  # noqa: F811
    # given an erasure request for Suryo, and an admin who reads `language`
    person = setting["person"]
    admin = setting["admin"]
    profile_set_language(user=admin, language=language)
    services.subject_request_open(person=person, by=setting["owner"], kind="erasure")
    client = _client(admin)
    shown = f"{word} #{person.pk}"
    # when the admin opens the privacy page
    page = client.get(reverse("privacy:person", args=[person.pk])).content.decode()
    # then the reference to type is in their language
    assert f"<code>{shown}</code>" in page
    # when they type it
    done = client.post(reverse("privacy:erase", args=[person.pk]), {"confirm": shown}, follow=True)
    # then the person is erased, and the message and the lists name them in their language
    assert not Person.objects.filter(pk=person.pk).exists()
    html = done.content.decode()
    assert html.count(shown) >= 3  # the message, the request, the erasure
    if language == "id":
        assert f"Person #{person.pk}" not in html
    # and what is stored is the same in every language
    assert Erasure.objects.get().reference == f"Person #{person.pk}"
    assert SubjectRequest.objects.get().reference == f"Person #{person.pk}"
