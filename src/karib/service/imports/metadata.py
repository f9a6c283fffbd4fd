"""Per-conversation fields of an imported file that the engine ignores (channel, product,
start, agent), and the dates in them. No Django here: the import's worker processes use it."""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from typing import Any

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_datetime(value: object) -> datetime.datetime | None:
    """An ISO 8601 date-time (naive ones in Asia/Jakarta), or None for anything else."""
    if not isinstance(value, str) or not _ISO_DATE_RE.match(value):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=JAKARTA)
    return parsed


def json_metadata(name: str, content: bytes) -> dict[str, dict[str, Any]]:
    """The objects of a JSON or JSONL file by conversation id (other files have none)."""
    name = name.lower()
    if not name.endswith((".json", ".jsonl", ".ndjson")):
        return {}
    try:
        text = content.decode("utf-8-sig")
        if name.endswith(".json"):
            data = json.loads(text)
            objects = data if isinstance(data, list) else [data]
        else:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return {}
    metadata: dict[str, dict[str, Any]] = {}
    for obj in objects:
        if isinstance(obj, dict) and "conversation_id" in obj:
            metadata[str(obj["conversation_id"])] = obj
    return metadata
