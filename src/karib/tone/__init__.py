"""karib.tone: the conversation tone engine (built on the `tone` branch)."""
