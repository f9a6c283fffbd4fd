"""Imported only by the analysis pool's forkserver (`engine_work.AnalysisPool`): the engine
loads its lexicons and models on its first analysis, so analysing one short conversation
here, once, lets every worker forked from the server start warm instead of paying that load
itself (about 0.4 s of CPU per worker, per import batch). No Django here either."""

from __future__ import annotations

from karib import tone

from .engine_work import prepare_one

_SAMPLE = tone.Conversation(
    conversation_id="warm-up",
    turns=(
        tone.Turn(
            index=0, speaker="Agent", role="agent", text="Selamat pagi, ada yang bisa dibantu?"
        ),
        tone.Turn(
            index=1, speaker="Customer", role="customer", text="Saya mau tutup kartu, thanks."
        ),
    ),
)

prepare_one(_SAMPLE, {}, redact=True)
