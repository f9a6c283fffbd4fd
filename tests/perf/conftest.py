"""Fixtures of the performance tests: the people world of tests/people."""

from tests.people.conftest import world

__all__ = ["world"]
