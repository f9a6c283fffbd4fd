"""The legal rules stay active (fail closed), and cash equivalents need approval for anyone.

- `cash_to_official` and `official_approval` carry the law: any row of theirs that was
  switched off is switched on again, then a check constraint keeps them on.
- New company rule `cash_equivalent`: cash and cash equivalents to a private-sector recipient
  are flagged for Compliance approval (docs/gifts-policy.md).
"""

import datetime

from django.db import migrations, models

LEGAL = ["cash_to_official", "official_approval"]
START = datetime.date(2019, 1, 1)
CASH_EQUIVALENT_SOURCE = (
    "Kebijakan perusahaan (company policy default, not law): cash and cash equivalents "
    "(voucher, uang elektronik, kartu hadiah, pulsa) to anyone need Compliance approval; "
    "UU 11/1980 tentang Tindak Pidana Suap as background for private-sector recipients."
)


def forward(apps, schema_editor):
    PolicyRule = apps.get_model("gifts", "PolicyRule")
    PolicyRule.objects.filter(code__in=LEGAL, is_active=False).update(is_active=True)
    PolicyRule.objects.get_or_create(
        code="cash_equivalent",
        effective_from=START,
        defaults={"legal_source": CASH_EQUIVALENT_SOURCE},
    )


def backward(apps, schema_editor):
    PolicyRule = apps.get_model("gifts", "PolicyRule")
    PolicyRule.objects.filter(code="cash_equivalent", effective_from=START).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gifts", "0002_policy_defaults"),
    ]

    operations = [
        migrations.AlterField(
            model_name="policyrule",
            name="code",
            field=models.CharField(
                choices=[
                    (
                        "cash_to_official",
                        "Cash and cash equivalents to public officials are refused",
                    ),
                    ("official_approval", "Gifts to public officials need Compliance approval"),
                    ("kpk_report", "The official must report to the KPK within N working days"),
                    (
                        "burden_of_proof",
                        "From this value the burden of proof shifts to the recipient",
                    ),
                    (
                        "ceremony_exemption",
                        "Wedding or religious-ceremony exemption limit per giver",
                    ),
                    ("private_threshold", "Company threshold for private-sector recipients"),
                    ("yearly_cap", "Yearly total per recipient"),
                    ("open_tender", "Gifts during an open tender are flagged"),
                    (
                        "cash_equivalent",
                        "Cash and cash equivalents to anyone need Compliance approval",
                    ),
                ],
                max_length=32,
                verbose_name="rule",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.AddConstraint(
            model_name="policyrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("code__in", ["cash_to_official", "official_approval"]), _negated=True
                    ),
                    ("is_active", True),
                    _connector="OR",
                ),
                name="gifts_policyrule_legal_rules_stay_active",
            ),
        ),
    ]
