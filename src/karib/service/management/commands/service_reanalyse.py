"""Re-analyse conversations analysed by another engine version (run after upgrading karib.tone)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from karib.service import services


class Command(BaseCommand):
    help = "Re-analyse conversations whose analysis comes from another engine version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="run here instead of in the task worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        outdated = services.outdated_analysis_count()
        if not outdated:
            self.stdout.write("All analyses are current.")
            return
        if options["now"]:
            result = services.reanalysis_run()
            self.stdout.write(f"Re-analysed {result.reanalysed} conversation(s).")
            if result.failed:
                pks = ", ".join(str(pk) for pk in result.failed_pks)
                self.stderr.write(
                    f"{result.failed} conversation(s) could not be re-analysed (ids {pks}); "
                    "the log has each error, and the next run tries them again."
                )
        elif services.reanalysis_ensure():
            self.stdout.write(f"Queued the re-analysis of {outdated} conversation(s).")
        else:
            self.stdout.write("A re-analysis is already queued.")
