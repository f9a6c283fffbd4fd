"""API test clients: one way to call the JSON API as a user and read its errors."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from karib.core.services import api_token_create


class ApiClient(Client):
    """A test client that authenticates with a personal API token (`Authorization: Bearer`)
    and sends JSON: `client.patch_json(url, {...}, headers={"If-Match": '"2"'})`."""

    def __init__(self, user: User, **defaults: Any) -> None:
        issued = api_token_create(user=user, name="test")
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {issued.secret}", **defaults)
        self.user = user
        self.token = issued.secret

    def _send(self, method: str, url: str, data: Any, **extra: Any) -> Any:
        body = data if isinstance(data, str | bytes) else json.dumps(data)
        return getattr(self, method)(url, data=body, content_type="application/json", **extra)

    def post_json(self, url: str, data: Any = None, **extra: Any) -> Any:
        return self._send("post", url, {} if data is None else data, **extra)

    def patch_json(self, url: str, data: Any = None, **extra: Any) -> Any:
        return self._send("patch", url, {} if data is None else data, **extra)

    def put_json(self, url: str, data: Any = None, **extra: Any) -> Any:
        return self._send("put", url, {} if data is None else data, **extra)


def token_client(user: User) -> ApiClient:
    """A client calling the API as `user` with a fresh personal token."""
    return ApiClient(user)


def token_headers(user: User) -> dict[str, str]:
    """Headers for a plain `Client` call as `user` (`client.get(url, headers=...)`)."""
    issued = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {issued.secret}"}


def error_fields(response: Any) -> dict[str | None, str]:
    """The one error shape as {field: code}; fails when the body is not that shape."""
    body = response.json()
    assert set(body) == {"errors"}, body
    for item in body["errors"]:
        assert set(item) == {"code", "field", "message"}, item
        assert item["message"], item
    return {item["field"]: item["code"] for item in body["errors"]}
