"""The gifts part of the story: a hand-made Bima puppet and a wayang book for Pak Suryo.

Dewi proposes them; Maya (Compliance) approves; they are given after the Denpasar visit and the
official must report them to the KPK within 30 working days. Idempotent: looked up by
recipient and description.
"""

from __future__ import annotations

import datetime
import zoneinfo

from karib.demo.context import DemoContext
from karib.people.models import Person, PersonalFact

from . import services
from .models import Gift, GiftKind, GiftOccasion, OpenTender

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
PUPPET = "Wayang kulit tokoh Bima buatan tangan perajin Yogyakarta"
BOOK = "Buku cerita wayang: kisah Bima dalam Mahabharata"
VOUCHER = "Voucher belanja Rp500.000 untuk Lebaran"
LUNCH = "Makan siang pembahasan kebutuhan pelatihan operator daerah"


def _gift(
    context: DemoContext,
    official: Person,
    *,
    description: str,
    value: int,
    fact: PersonalFact | None,
    proposed_on: datetime.date,
    approved: bool,
    given_on: datetime.date | None,
    kind: str = GiftKind.GOODS,
    purpose: str = (
        "Memulihkan hubungan setelah janji pelatihan operator daerah tidak ditepati; "
        "menghormati kecintaan Pak Suryo pada wayang."
    ),
) -> Gift:
    existing = Gift.objects.filter(recipient=official, description=description).first()
    if existing is not None:
        return existing
    dewi, maya = context.users["dewi"], context.users["maya"]
    gift = services.gift_propose(
        by=dewi,
        recipient=official,
        kind=kind,
        description=description,
        estimated_value=value,
        business_purpose=purpose,
        occasion=GiftOccasion.PERSONAL,
        place="Kantor Direktorat Layanan Data Nasional, Jakarta Pusat",
        honours_fact=fact,
        proposed_at=datetime.datetime.combine(proposed_on, datetime.time(9), tzinfo=JAKARTA),
    )
    if approved:
        gift = services.gift_approve(
            gift=gift,
            by=maya,
            note="Disetujui: nilai wajar, bukan uang; penerima wajib lapor ke KPK.",
            decided_at=datetime.datetime.combine(
                proposed_on + datetime.timedelta(days=2), datetime.time(10), tzinfo=JAKARTA
            ),
        )
    if given_on is not None:
        gift = services.gift_mark_given(gift=gift, by=dewi, given_on=given_on)
    return gift


def load(context: DemoContext) -> None:
    official = context.objects.get("official")
    if not isinstance(official, Person):
        return
    OpenTender.objects.get_or_create(
        organization=official.organization,
        name="Tender perluasan pusat data regional 2026",
        defaults={"start": datetime.date(2026, 11, 2), "end": datetime.date(2026, 12, 18)},
    )
    fact = official.facts.filter(category=PersonalFact.Category.INTEREST, topic="wayang").first()
    proposed_on = datetime.date(2025, 1, 13)
    given_on = datetime.date(2025, 1, 20)
    puppet = _gift(
        context,
        official,
        description=PUPPET,
        value=1_200_000,
        fact=fact,
        proposed_on=proposed_on,
        approved=True,
        given_on=given_on,
    )
    book = _gift(
        context,
        official,
        description=BOOK,
        value=275_000,
        fact=fact,
        proposed_on=proposed_on,
        approved=True,
        given_on=given_on,
    )
    _gift(
        context,
        official,
        description=VOUCHER,
        value=500_000,
        fact=None,
        proposed_on=datetime.date(2025, 3, 17),
        approved=False,
        given_on=None,
        kind=GiftKind.GOODS,
    )
    colleague = Person.objects.filter(
        organization=official.organization, full_name="Ratna Sari"
    ).first()
    if colleague is not None:
        # waits in Maya's queue: an official, during the open tender
        _gift(
            context,
            colleague,
            description=LUNCH,
            value=450_000,
            fact=None,
            proposed_on=datetime.date(2026, 11, 20),
            approved=False,
            given_on=None,
            kind=GiftKind.MEAL,
            purpose="Membahas kebutuhan pelatihan operator daerah tahun depan.",
        )
    if puppet.status == Gift.Status.GIVEN and puppet.kpk_reported_on is None:
        # Pak Suryo reported the puppet to the KPK in time; the book's report is still to be
        # recorded (overdue: a work item for Dewi on Today).
        puppet = services.gift_record_kpk_report(
            gift=puppet,
            by=puppet.giver,
            reported_on=datetime.date(2025, 2, 10),
            reference="GOL-KPK/2025/02/0173",
            note="Dilaporkan sendiri oleh Pak Suryo lewat GOL KPK; tanda terima dikirim ke Dewi.",
        )
        # the story's history: Dewi recorded it the day the receipt came, not today
        Gift.objects.filter(pk=puppet.pk).update(kpk_report_recorded_on=datetime.date(2025, 2, 10))
        puppet.refresh_from_db()
    context.objects["gift_puppet"] = puppet
    context.objects["gift_book"] = book
    context.stdout.write(
        f"gifts: Bima puppet and wayang book to {official.full_name}, "
        f"KPK report due {puppet.report_deadline}\n"
    )
