"""Ninja's own errors in the one API error shape `{"errors": [{"code", "field", "message"}]}`.

`install_error_handlers(api)` maps ninja's input validation errors (422), its `HttpError`s
(401 without a token, 403, 429, …) and a `Http404` from a scoped selector to the same shape a
`DomainError` answers with, so a client handles every error one way::

    api = build_api()
    install_error_handlers(api)

`paths` limits the new shape to requests under those prefixes (an app whose clients still
read ninja's `{"detail": …}`); other requests keep the handlers the API had.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from .errors import DomainError, ErrorCode, ErrorItem

# Where an input came from in ninja's error locations; the field is what follows.
_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file", "payload"})

STATUS_CODES: dict[int, ErrorCode] = {
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.LIMIT_EXCEEDED,
    429: ErrorCode.THROTTLED,
}
_MISSING = frozenset({"missing", "value_error.missing"})


def _field(location: Iterable[Any]) -> str | None:
    parts = [str(part) for part in location]
    while parts and parts[0] in _SOURCES:
        parts.pop(0)
    # A schema argument's own name (`payload`, `filters`) is not a field the client sent.
    if len(parts) > 1 and parts[0] in {"payload", "filters", "data"}:
        parts.pop(0)
    return ".".join(parts) or None


def validation_error_items(errors: Iterable[dict[str, Any]]) -> list[ErrorItem]:
    """Ninja's (pydantic's) list of input errors as error items naming the field."""
    items = []
    for error in errors:
        code = ErrorCode.REQUIRED if error.get("type") in _MISSING else ErrorCode.INVALID
        message = str(error.get("msg") or "") or None
        items.append(ErrorItem(code=code, field=_field(error.get("loc") or ()), message=message))
    return items or [ErrorItem(ErrorCode.INVALID)]


def validation_error(error: NinjaValidationError) -> DomainError:
    return DomainError.of(validation_error_items(error.errors), status=422)


# Control characters other than tab, newline and carriage return are cut at the boundary
# (a NUL breaks PostgreSQL, others break exports); the rest of the text is kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """`value` without control characters (tab, newline and carriage return are kept)."""
    return _CONTROL.sub("", value)


def _cleaned(value: Any) -> Any:
    """A parsed JSON value with every string cleaned, at any depth (keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): _cleaned(item) for key, item in value.items()}
    return value


class NotUnicodeError(ValueError):
    """A JSON body whose strings hold a lone surrogate ("\\ud800"): valid JSON, yet no text
    can be stored from it (the database refuses it at save time, a 500 before this check)."""


class StrictJsonParser(Parser):
    """ninja's JSON parser, refusing strings that are not Unicode text and cutting control
    characters from every string, so that no router stores a NUL (PostgreSQL refuses it: an
    internal error on every router that did not clean its text itself, secprobe9 F5)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        try:
            # Encoding the whole value finds a lone surrogate at any depth, in keys too.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise NotUnicodeError from None
        return cast(dict[str, Any], _cleaned(data))


def http_error(error: HttpError) -> DomainError:
    if error.status_code == 400 and isinstance(error.__cause__, NotUnicodeError):
        return DomainError(
            ErrorCode.INVALID,
            _("The request body holds text that is not valid Unicode."),
            field=None,
            status=422,
        )
    if error.status_code == 400:
        # ninja's "Cannot parse request body": an input error like any other, so it is a 422
        # (the status every operation with a body documents), in the reader's language.
        return DomainError(
            ErrorCode.INVALID, _("The request body is not valid JSON."), field=None, status=422
        )
    code = STATUS_CODES.get(error.status_code, ErrorCode.INVALID)
    return DomainError(code, str(error) or None, status=error.status_code)


def not_found() -> DomainError:
    return DomainError(ErrorCode.NOT_FOUND, _("Not found."))


Handler = Callable[[HttpRequest, Any], HttpResponse]


def install_error_handlers(api: NinjaAPI, *, paths: Iterable[str] | None = None) -> None:
    """Answer ninja's validation errors, HttpErrors and 404s in the one error shape (for
    requests under `paths` only when given)."""
    prefixes = tuple(paths) if paths is not None else None

    def handler(convert: Callable[[Any], DomainError], exc_class: type[Exception]) -> Handler:
        previous = api._exception_handlers.get(exc_class)

        def handle(request: HttpRequest, error: Any) -> HttpResponse:
            if prefixes is not None and not request.path.startswith(prefixes):
                if previous is None:  # pragma: no cover - ninja always has a default
                    raise error
                return previous(request, error)
            domain_error = convert(error)
            return api.create_response(
                request, domain_error.as_payload(), status=domain_error.status
            )

        return handle

    api.add_exception_handler(NinjaValidationError, handler(validation_error, NinjaValidationError))
    api.add_exception_handler(HttpError, handler(http_error, HttpError))
    api.add_exception_handler(Http404, handler(lambda _error: not_found(), Http404))
