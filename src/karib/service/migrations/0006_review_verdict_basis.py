"""Tie each stored verdict to what the reviewer saw (`Review.verdict_basis`): the turns and
engine version of the finding it was given on.

Existing reviews are filled from the current findings, which is what the reviewer saw when
the analysis has not been redone since the review was last saved (`Analysis.analysed_at` not
after `Review.updated_at`). When it has been redone, or the finding is gone, what was seen is
unknown: the code gets no entry, so the verdict shows as made on an earlier analysis and is
left out of the verdict export rather than labelling turns nobody reviewed.
"""

from django.db import migrations, models

CHUNK = 500


def fill_verdict_basis(apps, schema_editor):
    Review = apps.get_model("service", "Review")
    Analysis = apps.get_model("service", "Analysis")
    Finding = apps.get_model("service", "Finding")
    reviews = Review.objects.exclude(verdicts={}).order_by("pk")
    last_pk = 0
    while True:
        chunk = list(reviews.filter(pk__gt=last_pk)[:CHUNK])
        if not chunk:
            return
        last_pk = chunk[-1].pk
        conversation_ids = {review.conversation_id for review in chunk}
        analyses = {
            analysis.conversation_id: analysis
            for analysis in Analysis.objects.filter(conversation_id__in=conversation_ids)
        }
        findings: dict[int, dict[str, list[int]]] = {}
        for finding in Finding.objects.filter(conversation_id__in=conversation_ids):
            findings.setdefault(finding.conversation_id, {})[finding.code] = [
                int(turn) for turn in finding.turns
            ]
        for review in chunk:
            analysis = analyses.get(review.conversation_id)
            basis = {}
            if analysis is not None and analysis.analysed_at <= review.updated_at:
                current = findings.get(review.conversation_id, {})
                basis = {
                    code: {"turns": current[code], "engine_version": analysis.engine_version}
                    for code in review.verdicts
                    if code in current
                }
            review.verdict_basis = basis
        # bulk_update writes only this column: `updated_at` keeps the reviewer's last save.
        Review.objects.bulk_update(chunk, ["verdict_basis"])


class Migration(migrations.Migration):
    dependencies = [
        ("service", "0005_lz4_transcripts"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="verdict_basis",
            field=models.JSONField(blank=True, default=dict, verbose_name="evidence reviewed"),
        ),
        migrations.RunPython(fill_verdict_basis, migrations.RunPython.noop, elidable=True),
    ]
