"""Helpers shared by every app's tests: API clients (tests.support.api) and seeded worlds of
users in every relation to a record (tests.support.seeds)."""
