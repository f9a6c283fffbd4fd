"""Deterministic demo data that tells the stories in the brief."""
