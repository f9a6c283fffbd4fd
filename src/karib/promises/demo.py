"""The first project's promises: kept ones, the silently broken operator training (the cause of
Pak Suryo's grievance), and one renegotiated honestly by the envoy, Dewi.

Historic promises carry the story's fixed dates; the renegotiated one and one kept one are dated
relative to the day the demo is first loaded, so the board and the reliability figure look
alive. Idempotent: each promise is looked up by its original words before it is created.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.db.models import Q
from django.utils import timezone

from karib.demo.context import DemoContext
from karib.people.models import Interaction, Organization, Person

from . import services
from .models import Project, Promise

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
PROJECT_NAME = "Pusat Data Regional Nasional"
TRAINING = "Pelatihan operator pusat data di 12 provinsi sebelum 15 Agustus 2024"


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=JAKARTA)


def _exists(organization: Organization, text: str) -> bool:
    return Promise.objects.filter(
        Q(text=text) | Q(original_text=text), organization=organization
    ).exists()


def _create(
    *,
    organization: Organization,
    project: Project,
    people: list[Person],
    text: str,
    by: Any,
    made_on: datetime.date,
    due_date: datetime.date,
) -> Promise:
    return services.promise_create(
        organization=organization,
        project=project,
        people=people,
        text=text,
        by=by,
        made_on=made_on,
        due_date=due_date,
        at=_at(made_on),
    )


def load(context: DemoContext) -> None:
    directorate = context.objects.get("directorate")
    official = context.objects.get("official")
    if not isinstance(directorate, Organization) or not isinstance(official, Person):
        return
    rudi, dewi = context.users["rudi"], context.users["dewi"]
    today = timezone.localdate()

    project, _ = Project.objects.get_or_create(
        name=PROJECT_NAME,
        organization=directorate,
        defaults={
            "start_date": datetime.date(2023, 6, 1),
            "status": Project.Status.ACTIVE,
        },
    )
    context.objects["project"] = project
    common: dict[str, Any] = {"organization": directorate, "project": project, "people": [official]}

    for text, made_on, due, kept_on in (
        (
            "Instalasi perangkat pusat data regional Denpasar",
            datetime.date(2023, 11, 6),
            datetime.date(2024, 6, 30),
            datetime.date(2024, 6, 21),
        ),
        (
            "Migrasi data layanan publik ke pusat data regional",
            datetime.date(2023, 11, 6),
            datetime.date(2024, 7, 31),
            datetime.date(2024, 7, 29),
        ),
    ):
        if not _exists(directorate, text):
            promise = _create(text=text, by=rudi, made_on=made_on, due_date=due, **common)
            services.promise_mark_kept(
                promise=promise,
                by=rudi,
                kept_on=kept_on,
                reason="Berita acara serah terima ditandatangani.",
                at=_at(kept_on, 16),
            )

    if not _exists(directorate, TRAINING):
        training = _create(
            text=TRAINING,
            by=rudi,
            made_on=datetime.date(2024, 3, 12),
            due_date=datetime.date(2024, 8, 15),
            **common,
        )
        services.promise_mark_at_risk(
            promise=training,
            by=rudi,
            reason="Pelatih dari vendor perangkat keras tidak tersedia sampai Oktober.",
            communication_message=(
                "Sampaikan kepada Pak Suryo bahwa pelatihan mundur ke Oktober dan tawarkan "
                "pelatihan daring untuk provinsi prioritas."
            ),
            communication_due=datetime.date(2024, 8, 8),
            communication_owner=rudi,
            at=_at(datetime.date(2024, 8, 1)),
        )
        # Nobody told Pak Suryo; the training simply did not happen. A silent break.
        services.promise_mark_broken(
            promise=training,
            by=rudi,
            reason="Pelatihan tidak terlaksana; anggaran pelatih dialihkan.",
            at=_at(datetime.date(2024, 8, 30), 17),
        )

    recent_kept = "Laporan kinerja pusat data regional triwulan ini"
    if not _exists(directorate, recent_kept):
        made_on = today - datetime.timedelta(days=120)
        promise = _create(
            text=recent_kept,
            by=dewi,
            made_on=made_on,
            due_date=today - datetime.timedelta(days=45),
            **common,
        )
        services.promise_mark_kept(
            promise=promise,
            by=dewi,
            kept_on=today - datetime.timedelta(days=47),
            at=_at(today - datetime.timedelta(days=47), 15),
        )

    documentation = "Dokumentasi teknis pusat data dalam Bahasa Indonesia untuk operator daerah"
    if not _exists(directorate, documentation):
        made_on = today - datetime.timedelta(days=90)
        promise = _create(
            text=documentation,
            by=rudi,
            made_on=made_on,
            due_date=today - datetime.timedelta(days=10),
            **common,
        )
        risk_day = today - datetime.timedelta(days=25)
        promise = services.promise_mark_at_risk(
            promise=promise,
            by=dewi,
            reason="Penerjemah teknis baru mulai bulan depan.",
            communication_message=(
                "Dewi menjelaskan langsung kepada Pak Suryo dan mengusulkan jadwal baru."
            ),
            communication_due=risk_day + datetime.timedelta(days=7),
            communication_owner=dewi,
            at=_at(risk_day),
        )
        call_day = today - datetime.timedelta(days=20)
        call = Interaction.objects.create(
            kind=Interaction.Kind.CALL,
            occurred_at=_at(call_day, 9),
            organization=directorate,
            summary=(
                "Dewi menelepon Pak Suryo: dokumentasi terlambat; disepakati bab operasional "
                "lebih dulu dan tanggal baru."
            ),
            mood=Interaction.Mood.POSITIVE,
            created_by=dewi,
        )
        call.participants.add(official)
        call.users.add(dewi)
        services.promise_renegotiate(
            promise=promise,
            by=dewi,
            new_text=(
                "Dokumentasi teknis dalam Bahasa Indonesia: bab operasional lebih dulu, "
                "lengkap menyusul"
            ),
            new_due_date=today + datetime.timedelta(days=30),
            reason="Disepakati dengan Pak Suryo lewat telepon.",
            at=_at(call_day, 11),
        )

    # Pending work so the board is not only history.
    followup = "Rencana pelatihan operator daerah gelombang baru"
    if not _exists(directorate, followup):
        _create(
            text=followup,
            by=dewi,
            made_on=today - datetime.timedelta(days=5),
            due_date=today + datetime.timedelta(days=21),
            **common,
        )
