"""Settings: `base` (everything, driven by the environment), `test` and `prod`."""
