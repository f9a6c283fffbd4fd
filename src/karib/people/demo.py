"""The first story: a directorate whose most influential official stopped meeting our rep."""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.auth.models import User

from karib.demo.context import DemoContext

from .models import (
    EnvoyAssignment,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
    RelationshipChange,
)
from .services import search_document_rebuild

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
MAKASSAR = zoneinfo.ZoneInfo("Asia/Makassar")  # Denpasar keeps WITA


def load(context: DemoContext) -> None:
    rudi, dewi = context.users["rudi"], context.users["dewi"]
    team = context.teams["government"]

    ministry, _ = Organization.objects.get_or_create(
        name="Kementerian Tata Kelola Digital",
        defaults={
            "kind": Organization.Kind.GOVERNMENT,
            "sector": "Pemerintahan",
            "city": "Jakarta Pusat",
            "province": "DKI Jakarta",
            "owner": rudi,
            "team": team,
        },
    )
    directorate, _ = Organization.objects.get_or_create(
        name="Direktorat Layanan Data Nasional",
        defaults={
            "kind": Organization.Kind.GOVERNMENT,
            "sector": "Pemerintahan",
            "parent": ministry,
            "city": "Jakarta Pusat",
            "province": "DKI Jakarta",
            "owner": rudi,
            "team": team,
            "notes": (
                "Proyek nasional pusat data regional selesai 2024; beberapa janji belum ditepati."
            ),
        },
    )
    context.objects["directorate"] = directorate

    official, created = Person.objects.get_or_create(
        full_name="Suryo Wibowo",
        organization=directorate,
        defaults={
            "honorific": Person.Honorific.BAPAK,
            "job_title": "Direktur Layanan Data Nasional",
            "is_public_official": True,
            "influence": 5,
            "attitude": Person.Attitude.CHAMPION,
            "stage": Person.Stage.CLOSE_FRIEND,
            "owner": rudi,
            "envoy": dewi,
            "refuses_to_meet_owner": True,
            "refusal_reason": "Kecewa karena janji pelatihan operator daerah tidak ditepati.",
            "refusal_since": datetime.date(2024, 9, 2),
            "emails": ["suryo.wibowo@ktkd.go.id"],
        },
    )
    context.objects["official"] = official
    for name, title, influence, attitude in (
        ("Ratna Sari", "Kepala Subdirektorat Infrastruktur", 4, Person.Attitude.SUPPORTER),
        ("Andi Prasetyo", "Kepala Bagian Pengadaan", 3, Person.Attitude.SKEPTIC),
        ("Yusuf Hakim", "Pejabat Pembuat Komitmen", 4, Person.Attitude.BLOCKER),
    ):
        Person.objects.get_or_create(
            full_name=name,
            organization=directorate,
            defaults={
                "honorific": Person.Honorific.IBU
                if name == "Ratna Sari"
                else Person.Honorific.BAPAK,
                "job_title": title,
                "is_public_official": True,
                "influence": influence,
                "attitude": attitude,
                "stage": Person.Stage.CUSTOMER,
                "owner": rudi,
            },
        )
    if created:
        _story(official, rudi, dewi, directorate)
    _dates_envoy_and_search(official, rudi, dewi, directorate)


def _story(official: Person, rudi: User, dewi: User, directorate: Organization) -> None:
    site_visit = Interaction.objects.create(
        kind=Interaction.Kind.SITE_VISIT,
        occurred_at=datetime.datetime(2024, 10, 15, 10, 0, tzinfo=MAKASSAR),
        location="Pusat Data Regional Denpasar, Bali",
        organization=directorate,
        summary="Dewi mendampingi Pak Suryo meninjau peluncuran pusat data regional di Denpasar.",
        mood=Interaction.Mood.POSITIVE,
        created_by=dewi,
    )
    site_visit.participants.add(official)
    site_visit.users.add(dewi)
    breakfast = Interaction.objects.create(
        kind=Interaction.Kind.MEAL,
        occurred_at=datetime.datetime(2024, 10, 16, 7, 0, tzinfo=MAKASSAR),
        location="Hotel di Denpasar",
        organization=directorate,
        summary=(
            "Sarapan bersama selama kunjungan lapangan Denpasar. Pak Suryo bercerita tentang "
            "kecintaannya pada wayang, terutama tokoh Bima, yang ia wariskan kepada putranya."
        ),
        mood=Interaction.Mood.POSITIVE,
        created_by=dewi,
    )
    breakfast.participants.add(official)
    breakfast.users.add(dewi)
    PersonalFact.objects.create(
        person=official,
        category=PersonalFact.Category.INTEREST,
        text="Pencinta wayang — tokoh favorit Bima",
        topic="wayang",
        specifics="tokoh favorit Bima",
        source_interaction=breakfast,
        learned_on=datetime.date(2024, 10, 16),
        confidence=PersonalFact.Confidence.SURE,
        created_by=dewi,
    )
    PersonalFact.objects.create(
        person=official,
        category=PersonalFact.Category.FAMILY,
        text="Mewariskan kecintaan pada wayang kepada putranya",
        relation="putra",
        source_interaction=breakfast,
        learned_on=datetime.date(2024, 10, 16),
        confidence=PersonalFact.Confidence.SURE,
        is_sensitive=True,
        created_by=dewi,
    )
    for field, old, new, on, by, reason in (
        (
            "attitude",
            "supporter",
            "blocker",
            datetime.date(2024, 9, 2),
            rudi,
            "Menolak bertemu setelah janji pelatihan tidak ditepati.",
        ),
        (
            "stage",
            "customer",
            "trusted_advisor",
            datetime.date(2025, 2, 10),
            dewi,
            "Masalah lama diselesaikan; Pak Suryo meminta saran Dewi.",
        ),
        (
            "attitude",
            "blocker",
            "champion",
            datetime.date(2025, 2, 10),
            dewi,
            "Hubungan pulih setelah kunjungan Denpasar.",
        ),
        (
            "stage",
            "trusted_advisor",
            "close_friend",
            datetime.date(2026, 3, 1),
            dewi,
            "Bertahun-tahun kemudian masih meminta nasihat Dewi.",
        ),
    ):
        RelationshipChange.objects.create(
            person=official,
            field=field,
            old_value=old,
            new_value=new,
            changed_on=on,
            changed_by=by,
            reason=reason,
        )


def _dates_envoy_and_search(
    official: Person, rudi: User, dewi: User, directorate: Organization
) -> None:
    """Idempotent additions: the envoy assignment, a birthday and a religious holiday, and the
    search documents of the directorate's people."""
    EnvoyAssignment.objects.get_or_create(
        person=official,
        envoy=dewi,
        defaults={
            "assigned_by": rudi,
            "assigned_on": datetime.date(2024, 9, 10),
            "reason": "Pak Suryo menolak bertemu Rudi; Dewi diutus sebagai utusan khusus.",
        },
    )
    ImportantDate.objects.get_or_create(
        person=official,
        kind=ImportantDate.Kind.BIRTHDAY,
        defaults={"month": 12, "day": 12, "year": 1968, "created_by": dewi},
    )
    ImportantDate.objects.get_or_create(
        person=official,
        kind=ImportantDate.Kind.HOLIDAY,
        holiday=ImportantDate.Holiday.IDUL_FITRI,
        defaults={"remind_days_before": 14, "created_by": dewi},
    )
    for person in Person.objects.filter(organization=directorate).select_related("organization"):
        search_document_rebuild(person=person)
