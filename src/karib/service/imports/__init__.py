"""Importing conversations: `pipeline` (upload to rows), `speakers` (who is who), `metadata`
(fields the engine ignores), `redaction` (personal data out). `services.py` re-exports the
public names."""
