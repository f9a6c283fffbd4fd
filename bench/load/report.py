"""Print the load-test table from locust's CSV files (bench/load/drive.sh writes them)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def main(out: Path) -> None:
    header = ("users", "req/s", "p50 ms", "p95 ms", "errors", "requests", "db conn max")
    print("{:>5} {:>7} {:>7} {:>7} {:>7} {:>9} {:>11}".format(*header))
    for users in (5, 20, 50):
        stats = out / f"users-{users}_stats.csv"
        if not stats.is_file():
            continue
        rows = {row["Name"]: row for row in csv.DictReader(stats.open(encoding="utf-8"))}
        total = rows["Aggregated"]
        samples = out / f"connections-{users}.txt"
        counts = [int(line) for line in samples.read_text().split()] if samples.is_file() else []
        print(
            f"{users:>5} {float(total['Requests/s']):>7.1f} {total['50%']:>7} {total['95%']:>7} "
            f"{total['Failure Count']:>7} {total['Request Count']:>9} {max(counts, default=0):>11}"
        )
        for name, row in sorted(rows.items()):
            if name != "Aggregated":
                p50, p95, failures = row["50%"], row["95%"], row["Failure Count"]
                print(f"        {name:<26} p50 {p50:>5} p95 {p95:>5} fail {failures}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/load"))
