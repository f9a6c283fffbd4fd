"""Who is who in an imported file: agents by whole name or alias, ambiguous names, speaker
names exactly as written (iOS `~ name`, phone numbers with invisible marks)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from karib import tone
from karib.core.roles import Role
from karib.service import reasons, services
from karib.service.models import Conversation, ImportBatch
from tests.factories import UserFactory

from .factories import agent_user, import_files, jsonl_line

pytestmark = pytest.mark.django_db


def test_agent_is_matched_by_whole_name_or_alias_never_by_one_word(team, lina):
    # given Agus Salim (alias "CS Agus") is the team's only agent
    agus = agent_user(team)
    agus.profile.aliases = "CS Agus"
    agus.profile.save()
    lines = [
        jsonl_line("T-1", "CS Budi", "Selamat pagi"),  # an unknown agent with a title word
        jsonl_line("T-2", "Budi Salim", "Selamat siang"),  # shares only Agus's last name
        jsonl_line("T-3", "Pak Agus", "Selamat sore"),  # Agus with a title word
        jsonl_line("T-4", "Agus Salim", "Selamat malam"),  # full name
        jsonl_line("T-5", "agus", "Halo"),  # username
    ]

    # when the file is imported
    with translation.override("en"):
        batch = import_files(lina, team, [("t.jsonl", "".join(lines).encode())])

    # then only whole names go to Agus; the others stay unassigned and are reported
    got = dict(Conversation.objects.values_list("external_id", "agent_id"))
    assert got == {"T-1": None, "T-2": None, "T-3": agus.pk, "T-4": agus.pk, "T-5": agus.pk}
    assert Conversation.objects.visible_to(agus).count() == 3
    notes = {(entry["code"], entry["params"]["name"]) for entry in batch.report}
    assert notes == {("agent_unmatched", "CS Budi"), ("agent_unmatched", "Budi Salim")}


def test_a_first_name_shared_by_two_agents_is_ambiguous_and_not_assigned(team, lina):
    # given two agents called Agus
    salim = agent_user(team, username="asalim")
    wijaya = UserFactory(
        username="agus2",
        first_name="Agus",
        last_name="Wijaya",
        role=Role.SERVICE_AGENT,
        team=team,
    )
    body = jsonl_line("S-1", "Agus", "Selamat pagi") + jsonl_line("S-2", "Agus Wijaya", "Halo")

    # when a transcript names only "Agus", another the full name
    with translation.override("en"):
        batch = import_files(lina, team, [("s.jsonl", body.encode())])

    # then "Agus" is assigned to nobody and reported as ambiguous; the full name is matched
    got = dict(Conversation.objects.values_list("external_id", "agent_id"))
    assert got == {"S-1": None, "S-2": wijaya.pk}
    assert salim.pk not in got.values()
    [note] = [e for e in batch.report if e["params"].get("name") == "Agus"]
    assert note["code"] == "agent_ambiguous"
    with translation.override("en"):
        shown = reasons.import_reason(note["code"], note["params"])
    assert shown.startswith("ambiguous agent name: “Agus”")


def test_speaker_key_drops_title_words_only():
    assert services.speaker_key("  CS  Agus ") == "agus"
    assert services.speaker_key("Mbak Sinta Dewi") == "sinta dewi"
    assert services.speaker_key("Mr. Tan") == "tan"
    assert services.speaker_key("Petugas") == ""


# A WhatsApp export from iOS: a non-contact customer ("~ Siti Rahma", with a narrow no-break
# space) and an agent known only by a phone number wrapped in invisible direction marks.
IOS_CHAT = (
    "20/11/2026 09.15 - ~\u202fSiti Rahma: Halo, saya mau tanya tagihan\n"
    "20/11/2026 09.16 - \u200e+62 812\u20113456\u20117890\u202c: Baik kak, saya cek dulu ya\n"
    "20/11/2026 09.17 - ~\u202fSiti Rahma: ok makasih\n"
    "20/11/2026 09.18 - \u200e+62 812\u20113456\u20117890\u202c: Sama-sama kak, terima kasih\n"
)


def test_speakers_are_offered_exactly_as_written_and_can_be_mapped(
    team, lina, client_for, django_capture_on_commit_callbacks
):
    # given a reviewer uploads a chat whose speakers the engine cannot place
    client = client_for(lina)
    client.post(
        reverse("service:import"),
        {
            "uploads": [SimpleUploadedFile("wa.txt", IOS_CHAT.encode())],
            "team": team.pk,
            "channel": "whatsapp",
            "product": "credit_card",
        },
    )
    batch = ImportBatch.objects.get()
    waiting = batch.files.get()

    # then the speakers are stored exactly as the engine names them
    with pytest.raises(tone.RoleError) as engine:
        tone.parse(IOS_CHAT.encode(), name="wa.txt")
    assert waiting.speakers == list(engine.value.speakers)
    customer, phone = waiting.speakers
    assert "Siti Rahma" in customer
    assert "3456" in phone
    # and the mapping step offers each name as is (escaped for HTML, never for Python)
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    assert f'value="{phone}"' in page
    assert f'value="{customer}"' in page
    assert "\\u20" not in page

    # when she picks the phone number as the agent
    with django_capture_on_commit_callbacks(execute=True):
        mapped = client.post(
            reverse("service:import-map-roles", args=[batch.pk, waiting.pk]),
            {f"file{waiting.pk}-agent_speaker": phone},
        )

    # then the chat is imported with that speaker as the agent, the number redacted (the team
    # redacts on import: a phone written with non-breaking hyphens is a phone too)
    assert mapped.status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.agent_name == "[phone]"
    assert [t["role"] for t in conversation.turns] == ["customer", "agent", "customer", "agent"]


def test_speakers_of_reads_the_names_the_engine_gives_as_data():
    # given an engine whose RoleError carries the speakers (engine 2.0)
    error = tone.RoleError("any wording at all", file="wa.txt")
    error.speakers = ["~ Budi", "\u200e+62 811"]  # type: ignore[attr-defined]

    # then they are taken as given, never read from the message
    assert services.speakers_of(error) == ["~ Budi", "\u200e+62 811"]


def test_speakers_of_an_error_without_data_are_read_back_exactly():
    # given an error that lists its speakers only in its message, as Python literals
    names = ["~\u202fSiti", "\u200e+62 811\u202c", "O'Brien"]
    message = "cannot tell the agent from the customer among the speakers " + ", ".join(
        repr(name) for name in names
    )
    error = tone.RoleError(message, file="wa.txt")

    # then the names come back exactly, never escaped
    assert services.speakers_of(error) == names
