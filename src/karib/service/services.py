"""Writes of conversation QA, by job:

- `analysis.py`: the adapter over the tone engine and the re-analysis of outdated results;
- `playbook.py`: the cancellation playbook, the team's QA settings, the playbook breach;
- `imports/`: the import pipeline, who is who in a file, file metadata, redaction;
- `reviews.py`: reviews, disputes and their answers, reflections, deletion;
- `access.py`: who may do each of these.

This module re-exports their public names, so callers keep one import.
"""

from __future__ import annotations

from .access import can_edit_playbook, can_import, can_respond, can_review, can_see_scorecards
from .analysis import (
    REANALYSIS_DEBOUNCE,
    REANALYSIS_JOB,
    AnalysisRows,
    ReanalysisResult,
    analysis_rows,
    content_hash,
    conversation_analyse,
    conversations_reanalyse_outdated,
    engine_conversation,
    job_claim,
    job_release,
    outdated_analysis_count,
    outdated_analysis_exists,
    outdated_conversations,
    reanalysis_ensure,
    reanalysis_run,
    transcript_from_engine,
    transcript_plain_text,
)
from .imports.answers import import_file_choose_date_order, import_file_map_roles
from .imports.pipeline import (
    IMPORT_EXTENSIONS,
    IMPORT_STALE_AFTER,
    MAX_IMPORT_FILES,
    MAX_IMPORT_TOTAL_BYTES,
    UploadedFile,
    import_batch_create,
    import_batch_run,
    import_batch_start,
    import_upload_errors,
)
from .imports.speakers import AGENT_TITLE_WORDS, AgentMatch, speaker_key, speakers_of
from .imports.stale import (
    import_batch_can_retry,
    import_batch_is_stale,
    import_batch_retry,
    import_batches_mark_stale,
)
from .playbook import (
    breach_finding,
    playbook_breaches,
    playbook_for_team,
    playbook_recheck,
    playbook_update,
    risk_of,
    service_settings_update,
    settings_for_team,
)
from .reviews import (
    conversation_delete,
    dispute_answer,
    dispute_open,
    reflection_save,
    review_save,
)

__all__ = [
    "AGENT_TITLE_WORDS",
    "IMPORT_EXTENSIONS",
    "IMPORT_STALE_AFTER",
    "MAX_IMPORT_FILES",
    "MAX_IMPORT_TOTAL_BYTES",
    "REANALYSIS_DEBOUNCE",
    "REANALYSIS_JOB",
    "AgentMatch",
    "AnalysisRows",
    "ReanalysisResult",
    "UploadedFile",
    "analysis_rows",
    "breach_finding",
    "can_edit_playbook",
    "can_import",
    "can_respond",
    "can_review",
    "can_see_scorecards",
    "content_hash",
    "conversation_analyse",
    "conversation_delete",
    "conversations_reanalyse_outdated",
    "dispute_answer",
    "dispute_open",
    "engine_conversation",
    "import_batch_can_retry",
    "import_batch_create",
    "import_batch_is_stale",
    "import_batch_retry",
    "import_batch_run",
    "import_batch_start",
    "import_batches_mark_stale",
    "import_file_choose_date_order",
    "import_file_map_roles",
    "import_upload_errors",
    "job_claim",
    "job_release",
    "outdated_analysis_count",
    "outdated_analysis_exists",
    "outdated_conversations",
    "playbook_breaches",
    "playbook_for_team",
    "playbook_recheck",
    "playbook_update",
    "reanalysis_ensure",
    "reanalysis_run",
    "reflection_save",
    "review_save",
    "risk_of",
    "service_settings_update",
    "settings_for_team",
    "speaker_key",
    "speakers_of",
    "transcript_from_engine",
    "transcript_plain_text",
]
