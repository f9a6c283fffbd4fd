"""Karib: a relationship-first CRM."""

__version__ = "0.1.0"
