"""Every API operation documents its errors in the one shape: each 4xx response in the OpenAPI
schema is `ErrorsOut` (`{"errors": [{"code", "field", "message"}]}`), for every app."""

from __future__ import annotations

import pytest

from karib.urls import api

pytestmark = pytest.mark.django_db

# Public operations that take no input a client could get wrong.
NO_ERRORS = {("get", "/api/health"), ("get", "/api/health/ready")}


def _operations():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def test_every_documented_client_error_is_the_one_shape():
    wrong = [
        (method, path, status)
        for method, path, operation in _operations()
        for status, response in operation["responses"].items()
        if str(status).startswith("4")
        and not response.get("content", {})
        .get("application/json", {})
        .get("schema", {})
        .get("$ref", "")
        .endswith("/ErrorsOut")
    ]
    assert wrong == []


def test_every_operation_with_input_documents_its_errors():
    undocumented = [
        (method, path)
        for method, path, operation in _operations()
        if (method, path) not in NO_ERRORS
        and not any(str(status).startswith("4") for status in operation["responses"])
    ]
    assert undocumented == []
