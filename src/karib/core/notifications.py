"""Notification codes: a notification is stored as a code with its values and translated when
shown, so an English reader never reads Indonesian system text and vice versa.

Each app registers its codes in its `AppConfig.ready()`::

    from karib.core.notifications import register
    register("promises.overdue", title=_("Promise overdue: %(text)s"),
             body=_("%(organization)s · due %(due)s · promised by %(owner)s"))

and sends with `notification_send(user=..., code="promises.overdue", params={...}, ...)`.

A notification links to its subject (a person, a promise, a gift, a conversation) by URL. Each
app registers how its subject pages are scoped (`register_subject`), and `in_sight` keeps only
the notifications whose subject the reader still sees: one who lost sight of a person, an
organization's promises or a gift (a new owner, a team change, a role taken away) no longer
reads its name on Today or in the digest, whichever way the sight was lost.
A sender that still passes ready-made `title`/`body` text keeps working: when its `kind` is a
registered code and the text matches the code's template in one of the site's languages, the
values are recovered and the row is stored as code + values (see `recognise`).

A day is stored in the values as an ISO date (YYYY-MM-DD, `stored_day`) and shown as every page
writes it, in the reader's language (`day_text`: "30 Aug 2024", "30 Agu 2024"); a day stored as
dd-mm-yyyy before 1 Dec 2026 is shown the same way, so older rows need no migration.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise as LazyString

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

#: How every page writes a day, in the reader's language: "30 Aug 2024", "30 Agu 2024".
DAY_FORMAT = "j M Y"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: how the gifts' and important dates' reminders stored a day before 1 Dec 2026
_DAY_MONTH_YEAR = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def day_text(day: datetime.date) -> str:
    """A day as every page writes it, in the active language: "30 Aug 2024", "30 Agu 2024"."""
    return date_format(day, DAY_FORMAT)


def stored_day(day: datetime.date | None) -> str:
    """A day as a notification's values keep it: ISO (YYYY-MM-DD), the same in every language
    and shown by `render` in the reader's; "" for no day."""
    return day.isoformat() if day else ""


def shown_value(value: Any) -> Any:
    """A stored value as the reader reads it: a day (ISO, or dd-mm-yyyy as stored before) in
    the active language; any other value, and a text that only looks like a day, as stored."""
    if not isinstance(value, str):
        return value
    with contextlib.suppress(ValueError):
        if _ISO_DAY.fullmatch(value):
            return day_text(datetime.date.fromisoformat(value))
        if found := _DAY_MONTH_YEAR.fullmatch(value):
            day, month, year = (int(part) for part in found.groups())
            return day_text(datetime.date(year, month, day))
    return value


@dataclass(frozen=True)
class NotificationCode:
    code: str
    title: LazyString | str
    #: None: the body is free text written by a person (stored as is, never translated)
    body: LazyString | str | None = None
    #: the values shown, computed in the reader's language from the stored ones (e.g. a kind
    #: stored as its code, shown by its translated name); None: shown as stored
    values: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None


_REGISTRY: dict[str, NotificationCode] = {}

Values = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def register(
    code: str,
    *,
    title: LazyString | str,
    body: LazyString | str | None = None,
    values: Values | None = None,
) -> None:
    """Register (or replace) the templates of `code`; placeholders are `%(name)s`. `values`
    turns the stored values into the shown ones in the active language."""
    _REGISTRY[code] = NotificationCode(code=code, title=title, body=body, values=values)


def registered(code: str) -> NotificationCode | None:
    return _REGISTRY.get(code)


def registered_codes() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def fill(template: LazyString | str, params: Mapping[str, Any]) -> str:
    """The template in the active language with its values; a translation that drops or
    misspells a placeholder still reads as a sentence (never an exception on display)."""
    text = str(template)
    with contextlib.suppress(KeyError, TypeError, ValueError):
        text = text % {key: str(value) for key, value in params.items()}
    return text


def render(code: str, params: Mapping[str, Any]) -> tuple[str, str] | None:
    """(title, body) of a registered code in the active language; None for an unknown code.
    The body is "" when the code's body is free text (the caller shows the stored body). Days
    among the values read in the active language (`shown_value`)."""
    entry = _REGISTRY.get(code)
    if entry is None:
        return None
    if entry.values is not None:
        params = entry.values(params)
    params = {key: shown_value(value) for key, value in params.items()}
    body = fill(entry.body, params) if entry.body is not None else ""
    return fill(entry.title, params), body


def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.*?)")
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


def _match(template: LazyString | str, text: str, language: str) -> dict[str, str] | None:
    with translation.override(language):
        translated = str(template)
    try:
        found = _pattern(translated).fullmatch(text)
    except re.error:  # a translation with a repeated placeholder name
        return None
    return found.groupdict() if found else None


def recognise(code: str, title: str, body: str) -> dict[str, str] | None:
    """The values of `code` found in text rendered from its templates in any site language,
    or None when the text does not match (then it stays free text)."""
    entry = _REGISTRY.get(code)
    if entry is None:
        return None
    for language, _name in settings.LANGUAGES:
        params = _match(entry.title, title, language)
        if params is None:
            continue
        if entry.body is not None and body:
            body_params = _match(entry.body, body, language)
            if body_params is None:
                continue
            params.update(body_params)
        return params
    return None


def store_as_codes(notification_model: Any) -> int:
    """Give stored notifications of a registered kind their code and values where their text
    matches the code's templates (a data migration's work; `title` and `body` stay as first
    written, free text stays free text). Returns how many rows were converted."""
    rows = notification_model.objects.filter(code="", kind__in=registered_codes()).only(
        "pk", "kind", "title", "body"
    )
    converted = 0
    for notification in rows.iterator(chunk_size=500):
        params = recognise(notification.kind, notification.title, notification.body)
        if params is not None:
            notification_model.objects.filter(pk=notification.pk).update(
                code=notification.kind, params=params
            )
            converted += 1
    return converted


#: url name -> the subjects a user sees (`Model.objects.visible_to`), e.g. "gifts:detail"
Sight = Callable[[Any], Any]
_SUBJECTS: dict[str, Sight] = {}


def register_subject(url_name: str, visible_to: Sight) -> None:
    """Notifications linking to `url_name` (a page with a `pk`) are shown only to a reader who
    still sees the object: `visible_to(user)` is its scoped queryset."""
    _SUBJECTS[url_name] = visible_to


def resolve_link(url: str) -> ResolverMatch | None:
    """The page a stored link (a notification's or a next action's `url`) points at, or None
    when it is empty or no page of Karib's."""
    if not url:
        return None
    try:
        return resolve(urlsplit(url).path)
    except Resolver404:
        return None


def _subject(url: str) -> tuple[str, int] | None:
    """(url name, pk) of a registered subject page, or None (no subject, or one not scoped)."""
    match = resolve_link(url)
    if match is None:
        return None
    pk = match.kwargs.get("pk")
    if match.view_name not in _SUBJECTS or not isinstance(pk, int):
        return None
    return match.view_name, pk


def in_sight(user: Any, notifications: Iterable[Any]) -> list[Any]:
    """The notifications whose subject `user` still sees (one query per kind of subject);
    those without a registered subject are kept."""
    notifications = list(notifications)
    wanted: dict[str, set[int]] = {}
    subjects = [_subject(notification.url) for notification in notifications]
    for subject in subjects:
        if subject is not None:
            wanted.setdefault(subject[0], set()).add(subject[1])
    seen = {
        (url_name, pk)
        for url_name, pks in wanted.items()
        for pk in _SUBJECTS[url_name](user).filter(pk__in=pks).values_list("pk", flat=True)
    }
    return [
        notification
        for notification, subject in zip(notifications, subjects, strict=True)
        if subject is None or subject in seen
    ]
