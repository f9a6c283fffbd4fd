"""Import and export of organizations and people: CSV and vCard 3/4.

An import is parsed and validated row by row, then written through the services (so every
record is validated, audited and indexed) inside one transaction; the dry run does the same
writes and always rolls them back, so its preview shows model errors too. The import is kept
only when no row has an error: a failed import writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import vobject  # type: ignore[import-untyped]
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members
from karib.core.spreadsheets import (
    allow_long_csv_cells,
    spreadsheet_safe,
    spreadsheet_unescape,
)

from . import selectors, services
from .models import Organization, Person

ORGANIZATION_COLUMNS = ["name", "kind", "sector", "parent", "city", "province", "notes"]
PEOPLE_COLUMNS = [
    "full_name",
    "honorific",
    "job_title",
    "organization",
    "emails",
    "phones",
    "is_public_official",
    "influence",
    "attitude",
    "stage",
    "owner",
]
MAX_ROWS = 5000


@dataclass
class ImportRow:
    line: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    # "create" a new record or "update" `match`, an existing one (vCard re-import)
    action: str = "create"
    match: Person | None = None


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    written: int = 0

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("The file is not UTF-8 text.")) from None


def _reader(raw: bytes, required: Iterable[str]) -> Iterator[dict[str, str]]:
    allow_long_csv_cells()  # a long cell must not stop the file half-way
    reader = csv.DictReader(io.StringIO(_text(raw)))
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(_("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
    # Files we exported carry formula-like cells escaped with a leading '.
    return (
        {
            key: spreadsheet_unescape(value) if isinstance(value, str) else value
            for key, value in record.items()
        }
        for record in reader
    )


def _choice(value: str, choices: Any, name: str, errors: list[str], default: str) -> str:
    value = (value or "").strip()
    if not value:
        return default
    by_label = {str(label).lower(): key for key, label in choices.choices}
    if value in choices.values:
        return value
    if value.lower() in by_label:
        return str(by_label[value.lower()])
    errors.append(
        _("%(field)s: “%(value)s” is not one of %(choices)s")
        % {"field": name, "value": value, "choices": ", ".join(choices.values)}
    )
    return default


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {' '.join(ValidationError(e).messages)}"
            for name, e in error.error_dict.items()
        ]
    return list(error.messages)


def _owner(value: str, user: User, errors: list[str]) -> User:
    value = (value or "").strip()
    if not value or value == user.get_username():
        return user
    if not (is_admin(user) or has_role(user, Role.MANAGER)):
        errors.append(_("owner: only managers may import records for someone else"))
        return user
    # Admins may name anyone; managers only the members of the teams they manage.
    candidates = User.objects.all() if is_admin(user) else team_members(user)
    owner = candidates.filter(username=value, is_active=True).first()
    if owner is None:
        errors.append(_("owner: no user “%(name)s” you may assign") % {"name": value})
        return user
    return owner


def _run(rows: list[ImportRow], result: ImportResult, commit: bool, write: Any) -> ImportResult:
    """Run the real writes (model validation and services) for every row without a parse error,
    inside one transaction that is rolled back unless `commit` and no row failed: the dry run
    shows the same errors as the import, and a failed import writes nothing."""
    result.rows = rows
    if result.file_errors:
        return result
    try:
        with transaction.atomic():
            for row in rows:
                if row.errors:
                    continue
                try:
                    with transaction.atomic():
                        write(row)
                except ValidationError as error:
                    row.errors += _validation_messages(error)
            if result.has_errors or not commit:
                raise _Rollback
    except _Rollback:
        return result
    result.written = len(rows)
    return result


class _Rollback(Exception):
    pass


def organizations_import(*, raw: bytes, user: User, commit: bool) -> ImportResult:
    result = ImportResult()
    try:
        reader = _reader(raw, ["name"])
    except ValueError as error:
        result.file_errors.append(str(error))
        return result
    visible = {o.name.lower(): o for o in selectors.organization_list(user=user)}
    names_in_file: set[str] = set()
    rows: list[ImportRow] = []
    for line, record in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            result.file_errors.append(_("Too many rows (at most %(n)d).") % {"n": MAX_ROWS})
            break
        errors: list[str] = []
        name = (record.get("name") or "").strip()
        if not name:
            errors.append(_("name: required"))
        elif name.lower() in visible or name.lower() in names_in_file:
            errors.append(_("name: “%(name)s” already exists") % {"name": name})
        names_in_file.add(name.lower())
        parent = (record.get("parent") or "").strip()
        if parent and parent.lower() not in visible and parent.lower() not in names_in_file:
            errors.append(_("parent: no organization “%(name)s”") % {"name": parent})
        values = {
            "name": name,
            "kind": _choice(
                record.get("kind", ""), Organization.Kind, "kind", errors, Organization.Kind.PRIVATE
            ),
            "sector": (record.get("sector") or "").strip(),
            "parent": parent,
            "city": (record.get("city") or "").strip(),
            "province": (record.get("province") or "").strip(),
            "notes": (record.get("notes") or "").strip(),
        }
        rows.append(ImportRow(line=line, values=values, errors=errors))

    created: dict[str, Organization] = {}

    def write(row: ImportRow) -> None:
        values = dict(row.values)
        parent_name = values.pop("parent").lower()
        parent = created.get(parent_name) or visible.get(parent_name) if parent_name else None
        organization = services.organization_create(by=user, parent=parent, **values)
        created[organization.name.lower()] = organization

    return _run(rows, result, commit, write)


def _bool(value: str, errors: list[str]) -> bool | None:
    value = (value or "").strip().lower()
    if not value:
        return None
    if value in {"1", "true", "yes", "ya", "y"}:
        return True
    if value in {"0", "false", "no", "tidak", "n"}:
        return False
    errors.append(_("is_public_official: use yes or no"))
    return None


def _emails(value: str, errors: list[str]) -> list[str]:
    emails = [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("emails: “%(value)s” is not an email address") % {"value": email})
    return emails


def people_import(*, raw: bytes, user: User, commit: bool) -> ImportResult:
    result = ImportResult()
    try:
        reader = _reader(raw, ["full_name", "organization"])
    except ValueError as error:
        result.file_errors.append(str(error))
        return result
    visible = {o.name.lower(): o for o in selectors.organization_list(user=user)}
    rows: list[ImportRow] = []
    for line, record in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            result.file_errors.append(_("Too many rows (at most %(n)d).") % {"n": MAX_ROWS})
            break
        errors: list[str] = []
        full_name = (record.get("full_name") or "").strip()
        if not full_name:
            errors.append(_("full_name: required"))
        organization = visible.get((record.get("organization") or "").strip().lower())
        if organization is None:
            errors.append(
                _("organization: no organization “%(name)s” you can see")
                % {"name": record.get("organization") or ""}
            )
        influence_raw = (record.get("influence") or "").strip() or "3"
        influence = int(influence_raw) if influence_raw.isdigit() else 0
        if not 1 <= influence <= 5:
            errors.append(_("influence: a whole number from 1 to 5"))
        values: dict[str, Any] = {
            "full_name": full_name,
            "honorific": _choice(
                record.get("honorific", ""), Person.Honorific, "honorific", errors, ""
            ),
            "job_title": (record.get("job_title") or "").strip(),
            "organization": organization,
            "emails": _emails(record.get("emails", ""), errors),
            "phones": [p.strip() for p in (record.get("phones") or "").split(",") if p.strip()],
            "influence": influence,
            "attitude": _choice(
                record.get("attitude", ""), Person.Attitude, "attitude", errors, "neutral"
            ),
            "stage": _choice(record.get("stage", ""), Person.Stage, "stage", errors, "stranger"),
            "owner": _owner(record.get("owner", ""), user, errors),
        }
        official = _bool(record.get("is_public_official", ""), errors)
        if official is not None:
            values["is_public_official"] = official
        rows.append(ImportRow(line=line, values=values, errors=errors))

    def write(row: ImportRow) -> None:
        services.person_create(by=user, **row.values)

    return _run(rows, result, commit, write)


def vcard_import(
    *, raw: bytes, user: User, commit: bool, organization: Organization | None
) -> ImportResult:
    """vCard 2.1, 3.0 or 4.0 contacts through the contacts pipeline (people.imports): ORG
    matches or creates an organization, `organization` is for cards without one."""
    from .imports import Source, contacts_import

    report = contacts_import(
        sources=[Source(name="contacts.vcf", raw=raw)],
        user=user,
        commit=commit,
        default_organization=organization,
    )
    result = ImportResult(file_errors=[message for _file, message in report.file_errors])
    for row in report.rows:
        errors = [f"{name}: {message}" if name else message for name, message in row.errors]
        result.rows.append(
            ImportRow(
                line=row.line,
                values={"full_name": row.contact.full_name, "organization": row.organization},
                errors=errors,
                action="update" if row.action == "skip" else row.action,
                match=row.person if row.action != "create" else None,
            )
        )
    if report.committed:
        result.written = len(report.rows)
    return result


# --- export -----------------------------------------------------------------------------------


def organizations_csv(organizations: Iterable[Organization]) -> str:
    """The organizations given (those the user may see); a parent is named only when it is
    one of them, as on the pages and in the API."""
    organizations = list(organizations)
    names = {o.pk: o.name for o in organizations}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ORGANIZATION_COLUMNS)
    for o in organizations:
        parent = names.get(o.parent_id, "") if o.parent_id else ""
        row = [o.name, o.kind, o.sector, parent, o.city, o.province, o.notes]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return out.getvalue()


def people_csv(people: Iterable[Person]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PEOPLE_COLUMNS)
    for p in people:
        row = [
            p.full_name,
            p.honorific,
            p.job_title,
            p.organization.name if p.organization else "",
            ", ".join(p.emails or []),
            ", ".join(p.phones or []),
            "yes" if p.is_public_official else "no",
            p.influence,
            p.attitude,
            p.stage,
            p.owner.get_username(),
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return out.getvalue()


def people_vcard(people: Iterable[Person], *, version: str = "3.0") -> str:
    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("version").value = version
        card.add("fn").value = person.full_name
        parts = person.full_name.rsplit(" ", 1)
        family = parts[1] if len(parts) == 2 else ""
        card.add("n").value = vobject.vcard.Name(family=family, given=parts[0])
        if person.organization is not None:
            card.add("org").value = [person.organization.name]
        if person.job_title:
            card.add("title").value = person.job_title
        for email in person.emails or []:
            card.add("email").value = email
        for phone in person.phones or []:
            card.add("tel").value = phone
        cards.append(card.serialize())
    return "".join(cards)
