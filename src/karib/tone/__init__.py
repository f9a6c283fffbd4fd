"""karib.tone: the conversation tone engine (pure Python, no Django).

Public API: ``parse``, ``iter_conversations``, ``analyze``, ``score_utterance`` and the
frozen dataclasses they take and return. See docs/tone.md.

The package is lazy (PEP 562): ``import karib.tone`` imports none of the engine; each name
of ``__all__`` is imported from its module the first time it is read (``from karib.tone
import analyze`` imports ``karib.tone.analysis`` then), and so is a submodule read as an
attribute (``karib.tone.lexicon``). Type checkers see the names through the imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# ``redact`` is both a submodule and the function of it this package exports: it is
# imported now (it is small and stands alone) so that the package attribute is the function
# whatever is imported later, as before the package was lazy.
from karib.tone.redact import Redacted, Redaction, redact

if TYPE_CHECKING:
    from karib.tone.analysis import ENGINE_VERSION, analyze, detect_language
    from karib.tone.detectors import FINDING_CODES, REGISTRY, Detector
    from karib.tone.errors import RoleError, ToneInputError
    from karib.tone.parsing import MAX_BYTES, detect_format, iter_conversations, parse
    from karib.tone.records import (
        Analysis,
        Conversation,
        Finding,
        Marker,
        Summary,
        Turn,
        TurnAnalysis,
        UtteranceScore,
    )
    from karib.tone.scoring import score_utterance

__all__ = [
    "ENGINE_VERSION",
    "FINDING_CODES",
    "MAX_BYTES",
    "REGISTRY",
    "Analysis",
    "Conversation",
    "Detector",
    "Finding",
    "Marker",
    "Redacted",
    "Redaction",
    "RoleError",
    "Summary",
    "ToneInputError",
    "Turn",
    "TurnAnalysis",
    "UtteranceScore",
    "analyze",
    "detect_format",
    "detect_language",
    "iter_conversations",
    "parse",
    "redact",
    "score_utterance",
]

# Where each lazy name of ``__all__`` lives.
_ORIGINS = {
    "ENGINE_VERSION": "version",
    "analyze": "analysis",
    "detect_language": "analysis",
    "FINDING_CODES": "detectors",
    "REGISTRY": "detectors",
    "Detector": "detectors",
    "RoleError": "errors",
    "ToneInputError": "errors",
    "MAX_BYTES": "parsing",
    "detect_format": "parsing",
    "iter_conversations": "parsing",
    "parse": "parsing",
    "Analysis": "records",
    "Conversation": "records",
    "Finding": "records",
    "Marker": "records",
    "Summary": "records",
    "Turn": "records",
    "TurnAnalysis": "records",
    "UtteranceScore": "records",
    "score_utterance": "scoring",
}


def __getattr__(name: str) -> Any:
    origin = _ORIGINS.get(name)
    if origin is not None:
        value = getattr(importlib.import_module(f"{__name__}.{origin}"), name)
        globals()[name] = value  # later reads are plain attribute reads
        return value
    if not name.startswith("__"):
        # A submodule read as an attribute (``karib.tone.lexicon``), as when the package
        # imported every module at once.
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
