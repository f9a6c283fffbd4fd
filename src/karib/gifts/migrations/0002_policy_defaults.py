"""Default policy rules, collective leave days and gesture ideas (all editable in the admin).

Sources and what could not be confirmed: docs/gifts-policy.md.
"""

import datetime

from django.db import migrations

UU_TIPIKOR = "UU 31/1999 jo. UU 20/2001 tentang Pemberantasan Tindak Pidana Korupsi"
PERKPK = "Peraturan KPK 2/2019 tentang Pelaporan Gratifikasi, diubah dengan Peraturan KPK 1/2026"
COMPANY = "Kebijakan perusahaan (company policy default, not law)"
START = datetime.date(2019, 1, 1)

RULES = [
    {
        "code": "cash_to_official",
        "legal_source": f"{UU_TIPIKOR}, Pasal 12B ayat (1) (gratifikasi meliputi uang, "
        "rabat, komisi, pinjaman tanpa bunga …); company policy: no cash or cash equivalent "
        "(voucher, uang elektronik, kartu hadiah, pulsa) to public officials.",
    },
    {
        "code": "official_approval",
        "legal_source": f"{UU_TIPIKOR}, Pasal 12B; company policy: Compliance approves every "
        "gift or hospitality to a public official (pegawai negeri / penyelenggara negara).",
    },
    {
        "code": "kpk_report",
        "working_days": 30,
        "legal_source": f"{UU_TIPIKOR}, Pasal 12C ayat (2): lapor ke KPK paling lambat 30 hari "
        f"kerja sejak tanggal gratifikasi diterima; {PERKPK}.",
    },
    {
        "code": "burden_of_proof",
        "threshold_idr": 10_000_000,
        "legal_source": f"{UU_TIPIKOR}, Pasal 12B ayat (1) huruf a: nilai Rp10.000.000 atau "
        "lebih, pembuktian bahwa gratifikasi bukan suap dilakukan oleh penerima.",
    },
    {
        "code": "ceremony_exemption",
        "threshold_idr": 1_500_000,
        "legal_source": f"{PERKPK}: pemberian terkait pernikahan, upacara adat atau keagamaan "
        "paling banyak Rp1.500.000 per pemberi tidak wajib dilaporkan, kecuali dari pihak yang "
        "mempunyai hubungan dengan jabatan penerima (vendor).",
    },
    {
        "code": "private_threshold",
        "threshold_idr": 1_000_000,
        "legal_source": f"{COMPANY}: above Rp1.000.000 to a private-sector recipient needs "
        "approval.",
    },
    {
        "code": "yearly_cap",
        "threshold_idr": 3_000_000,
        "legal_source": f"{COMPANY}: total per recipient per calendar year, all givers.",
    },
    {
        "code": "open_tender",
        "legal_source": f"{COMPANY}; Perpres 16/2018 jo. Perpres 12/2021 (pengadaan barang/jasa "
        "pemerintah: etika pengadaan, menghindari pemberian selama proses tender).",
    },
]

# Cuti bersama 2025-2026 (SKB Menteri Agama, Menteri Ketenagakerjaan, MenPAN-RB), the dates the
# `holidays` package lists in its "government" category. Add later years in the admin.
COLLECTIVE_LEAVE = [
    ("2025-01-28", "Cuti bersama Tahun Baru Imlek"),
    ("2025-03-28", "Cuti bersama Hari Suci Nyepi"),
    ("2025-04-02", "Cuti bersama Idul Fitri"),
    ("2025-04-03", "Cuti bersama Idul Fitri"),
    ("2025-04-04", "Cuti bersama Idul Fitri"),
    ("2025-04-07", "Cuti bersama Idul Fitri"),
    ("2025-05-13", "Cuti bersama Waisak"),
    ("2025-05-30", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2025-06-09", "Cuti bersama Idul Adha"),
    ("2025-08-18", "Cuti bersama Hari Kemerdekaan"),
    ("2025-12-26", "Cuti bersama Natal"),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-20", "Cuti bersama Idul Fitri"),
    ("2026-03-23", "Cuti bersama Idul Fitri"),
    ("2026-03-24", "Cuti bersama Idul Fitri"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-28", "Cuti bersama Idul Adha"),
    ("2026-12-24", "Cuti bersama Natal"),
]

IDEAS = [
    ("wayang", "Wayang kulit tokoh favoritnya dari perajin Yogyakarta", "goods", 500_000, 1_500_000),
    ("wayang", "Buku cerita wayang (Mahabharata/Ramayana)", "goods", 150_000, 400_000),
    ("wayang", "Undangan pertunjukan wayang semalam suntuk", "entertainment", 200_000, 750_000),
    ("batik", "Kain batik tulis dari perajin Pekalongan atau Solo", "goods", 400_000, 2_000_000),
    ("kopi", "Biji kopi spesialti dari Gayo atau Toraja", "goods", 150_000, 400_000),
    ("golf", "Bola golf dengan logo netral", "goods", 300_000, 800_000),
    ("sepak bola", "Buku sejarah klub favoritnya", "goods", 150_000, 350_000),
    ("kuliner", "Makan siang di rumah makan khas daerah", "meal", 150_000, 500_000),
    ("buku", "Buku terbaru dari penulis favoritnya", "goods", 100_000, 300_000),
]


def load(apps, schema_editor):
    PolicyRule = apps.get_model("gifts", "PolicyRule")
    CollectiveLeaveDay = apps.get_model("gifts", "CollectiveLeaveDay")
    GestureIdea = apps.get_model("gifts", "GestureIdea")
    for rule in RULES:
        PolicyRule.objects.get_or_create(
            code=rule["code"],
            effective_from=START,
            defaults={key: value for key, value in rule.items() if key != "code"},
        )
    for day, name in COLLECTIVE_LEAVE:
        CollectiveLeaveDay.objects.get_or_create(
            date=datetime.date.fromisoformat(day),
            defaults={"name": name, "source": "SKB 3 Menteri (cuti bersama)"},
        )
    for topic, idea, kind, low, high in IDEAS:
        GestureIdea.objects.get_or_create(
            topic=topic,
            idea=idea,
            defaults={"kind": kind, "typical_min_idr": low, "typical_max_idr": high},
        )


def unload(apps, schema_editor):
    apps.get_model("gifts", "PolicyRule").objects.filter(effective_from=START).delete()


class Migration(migrations.Migration):
    dependencies = [("gifts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
