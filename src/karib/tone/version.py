"""The engine's version, stored with each analysis (``Analysis.engine_version``).

Raise it whenever an analysis of the same input may change. It lives in a module of its own
so that ``karib tone --version`` and ``karib.tone.ENGINE_VERSION`` import none of the engine;
``karib.tone.analysis`` re-exports it.
"""

ENGINE_VERSION = "2.12.0"
