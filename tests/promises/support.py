"""Helpers of the promise and gift tests: an API client with a token, one error shape."""

from __future__ import annotations

from typing import Any

from django.test import Client

from karib.core.services import api_token_create


def api_client(user: Any) -> Client:
    """A client that authenticates as `user` with a personal API token."""
    secret = api_token_create(user=user, name="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def error_of(response: Any) -> dict[str, Any]:
    """The one error of an API answer, checking the shape `{"errors": [{code, field, message}]}`."""
    body = response.json()
    assert set(body) == {"errors"}, body
    assert len(body["errors"]) >= 1
    first = body["errors"][0]
    assert set(first) == {"code", "field", "message"}, first
    assert first["message"]
    return first
