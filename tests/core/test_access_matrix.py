"""The generated permission matrix: every page (from the URLconf) and every API operation
(from the OpenAPI schema), for each of its actions and a user in every relation to the records.

Each endpoint and HTTP method has a declared expectation, a `Rule`: which relations
(tests/core/access_rules.py: owner, envoy, same team, other team, manager, other manager,
admin, compliance, QA, agent, someone who sees the organization through one person only,
anonymous) make the call succeed. A call succeeds when it answers 2xx (a redirect counts,
except to the login page) and, for a write, writes a record; it is refused when it answers
otherwise and writes nothing (every INSERT/UPDATE/DELETE is watched, whatever the app). Every
answer is also searched for what the user may not see (Suryo's name, the sensitive fact), and
a 5xx fails. The records (tests/core/access_world.py) are made once per module; each call runs
in a savepoint rolled back, so every relation meets the same records.

**Any endpoint without a declared rule fails** `test_every_endpoint_has_a_declared_expectation`.
To declare one, add its URL name (pages) or OpenAPI operation id (API) with one `Rule` per
method (and variant) — people's below in `PAGES` / `API`, every other app's in
tests/core/access_expectations.py. For example, two people endpoints in `API`:

    "organization_stakeholder_map": [Rule("GET", SEES, _pk("organization"))],
    "important_date_upcoming_list": [Rule("GET", AUTHENTICATED)],

`Rule(method, allowed, args, data=..., query=..., reveals=...)`: `args(world)` gives the URL
arguments, `data(world)` the body; `reveals` widens who may read Suryo's name in the answer
(Compliance reads gift recipients). docs/security.md's tables are generated from the rules
(`python -m tests.core.access_doc`), and tests/core/test_access_doc.py fails when they drift.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from karib.core import access
from karib.people.models import Organization
from tests.support.api import ApiClient
from tests.support.seeds import (
    RELATIONS,
    SECRET_NAME,
    SENSITIVE_TEXT,
    seed_people_world,
)

from . import access_expectations as expectations
from .access_rules import (
    ANSWERS,
    AUTHENTICATED,
    CREATORS,
    CREATORS_WHO_SEE,
    EDITS_INTERACTION,
    LOOKS_AFTER,
    SEES,
    SEES_SENSITIVE,
    Args,
    Rule,
    World,
)
from .access_world import seed_matrix_world


def _person(world: World) -> dict[str, Any]:
    return {"pk": world.person.pk}  # type: ignore[union-attr]


def _organization(world: World) -> dict[str, Any]:
    return {"pk": world.organization.pk}  # type: ignore[union-attr]


def _fact(world: World) -> dict[str, Any]:
    return {"pk": world.person.pk, "item_pk": world.fact.pk}  # type: ignore[union-attr]


def _interaction(world: World) -> dict[str, Any]:
    return {"pk": world.person.pk, "item_pk": world.interaction.pk}  # type: ignore[union-attr]


def _person_form(world: World) -> dict[str, Any]:
    person = world.person
    assert person is not None
    return {
        "full_name": person.full_name,
        "organization": person.organization_id,
        "job_title": "Kepala",
        "influence": 4,
        "attitude": "neutral",
        "stage": "stranger",
        "envoy": person.envoy_id or "",
        "version": person.version,
    }


def _contacts_vcard(world: World) -> dict[str, Any]:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Niken Sari\r\nEND:VCARD\r\n"
    return {"file": SimpleUploadedFile("niken.vcf", card, content_type="text/vcard")}


def _contact_import(world: World) -> dict[str, Any]:
    from karib.people.models import ContactImport

    upload = ContactImport.objects.create(
        created_by=world.user("owner"),
        file_name="niken.vcf",
        upload=ContentFile(
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Niken Sari\r\nEND:VCARD\r\n", name="niken.vcf"
        ),
        # the import starts only from a finished, clean dry run
        status=ContactImport.Status.PLANNED,
        preview={"has_errors": False},
    )
    return {"pk": upload.pk}


def _people_csv(world: World) -> dict[str, Any]:
    csv = b"full_name,organization\nNiken Sari,Direktorat Layanan Data\n"
    return {
        "file_format": "people_csv",
        "action": "import",
        "file": SimpleUploadedFile("people.csv", csv, content_type="text/csv"),
    }


PAGES: dict[str, list[Rule]] = {
    "people:index": [
        Rule("GET", AUTHENTICATED),
        Rule("GET", AUTHENTICATED, query="q=wayang", variant="search"),
    ],
    "people:typeahead": [Rule("GET", AUTHENTICATED, query="q=sury")],
    "people:person-create": [
        Rule("GET", CREATORS),
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {**_person_form(w), "full_name": "Niken Sari", "envoy": ""},
        ),
    ],
    "people:person-quick-add": [
        Rule("GET", CREATORS),
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {"full_name": "Niken Sari", "organization": w.get("organization").pk},
        ),
    ],
    "people:person-detail": [Rule("GET", SEES, _person)],
    "people:person-panel": [
        Rule("GET", SEES, lambda w: {**_person(w), "panel": "promises"}),
        Rule("GET", ANSWERS, lambda w: {**_person(w), "panel": "envoy"}, variant="envoy"),
    ],
    "people:person-update": [
        Rule("GET", LOOKS_AFTER, _person),
        Rule("POST", LOOKS_AFTER, _person, data=_person_form),
    ],
    "people:person-fact-create": [
        Rule("GET", LOOKS_AFTER, _person),
        Rule(
            "POST",
            LOOKS_AFTER,
            _person,
            data=lambda w: {"category": "interest", "text": "Suka kopi", "confidence": "sure"},
        ),
    ],
    "people:person-interaction-create": [
        Rule("GET", CREATORS_WHO_SEE, _person),
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            _person,
            data=lambda w: {
                "kind": "call",
                "occurred_at": "2026-01-11T09:00",
                "summary": "Telepon",
                "mood": "neutral",
            },
        ),
    ],
    "people:person-fact-update": [
        Rule("GET", LOOKS_AFTER, _fact),
        Rule(
            "POST",
            LOOKS_AFTER,
            _fact,
            data=lambda w: {
                "category": "interest",
                "text": "Suka gamelan",
                "confidence": "sure",
                "version": w.fact.version,  # type: ignore[union-attr]
            },
        ),
    ],
    "people:person-fact-delete": [
        Rule("GET", LOOKS_AFTER, _fact),
        Rule("POST", LOOKS_AFTER, _fact),
    ],
    "people:person-interaction-update": [
        Rule("GET", EDITS_INTERACTION, _interaction),
        Rule(
            "POST",
            EDITS_INTERACTION,
            _interaction,
            data=lambda w: {
                "kind": "call",
                "occurred_at": "2026-01-11T09:00",
                "summary": "Telepon",
                "mood": "neutral",
                "version": w.interaction.version,  # type: ignore[union-attr]
            },
        ),
    ],
    "people:person-interaction-delete": [
        Rule("GET", EDITS_INTERACTION, _interaction),
        Rule("POST", EDITS_INTERACTION, _interaction),
    ],
    "people:person-date-create": [
        Rule("GET", LOOKS_AFTER, _person),
        Rule(
            "POST",
            LOOKS_AFTER,
            _person,
            data=lambda w: {"kind": "anniversary", "day": 1, "month": 2, "remind_days_before": 7},
        ),
    ],
    "people:person-envoy-assign": [
        Rule("POST", ANSWERS, _person, data=lambda w: {"envoy": ""}, by_effect_only=True),
    ],
    "people:organization-list": [Rule("GET", AUTHENTICATED)],
    "people:organization-create": [
        Rule("GET", CREATORS),
        Rule("POST", CREATORS, data=lambda w: {"name": "PT Baru", "kind": "private"}),
    ],
    "people:organization-detail": [Rule("GET", SEES, _organization)],
    "people:organization-update": [
        Rule("GET", ANSWERS, _organization),
        Rule(
            "POST",
            ANSWERS,
            _organization,
            data=lambda w: {
                "name": "Direktorat Layanan Data",
                "kind": "government",
                "city": "Bandung",
                "version": w.organization.version,  # type: ignore[union-attr]
            },
        ),
    ],
    "people:import": [
        Rule("GET", AUTHENTICATED),
        Rule("POST", CREATORS_WHO_SEE, data=_people_csv),
    ],
    # Contact imports (people/imports): uploading or mapping alone writes no people; an upload
    # is seen by its uploader only (the owner here), everyone else gets a 404.
    # Uploading contacts is for those who may create people (the file holds personal data).
    "people:import-contacts": [
        Rule("GET", CREATORS),
        Rule("POST", CREATORS, data=_contacts_vcard, by_effect_only=True),
    ],
    "people:import-contacts-detail": [
        Rule("GET", frozenset({"owner"}), _contact_import),
        Rule("POST", frozenset({"owner"}), _contact_import, by_effect_only=True),
    ],
    "people:import-contacts-map": [
        Rule("GET", frozenset({"owner"}), _contact_import),
        Rule("POST", frozenset(), _contact_import, by_effect_only=True),
    ],
    # A chat onto a person: for those who may add facts and interactions to them; a POST
    # without a file or a confirmed suggestion writes nothing.
    "people:person-chat-import": [
        Rule("GET", LOOKS_AFTER, _person),
        Rule("POST", frozenset(), _person, by_effect_only=True),
    ],
    "people:person-chat-suggestions": [
        Rule("GET", LOOKS_AFTER, _person),
        Rule("POST", frozenset(), _person, by_effect_only=True),
    ],
    "people:export": [
        Rule("GET", AUTHENTICATED, lambda w: {"file_format": "people_csv"}, variant="people"),
        Rule("GET", AUTHENTICATED, lambda w: {"file_format": "vcard"}, variant="vcard"),
        Rule(
            "GET",
            AUTHENTICATED,
            lambda w: {"file_format": "organizations_csv"},
            variant="organizations",
        ),
    ],
}


def _pk(attribute: str) -> Args:
    return lambda world: {"pk": getattr(world, attribute).pk}


API: dict[str, list[Rule]] = {
    "organization_list": [Rule("GET", AUTHENTICATED)],
    "organization_get": [Rule("GET", SEES, _pk("organization"))],
    "organization_create": [Rule("POST", CREATORS, data=lambda w: {"name": "PT Baru"})],
    "organization_update": [
        Rule("PATCH", ANSWERS, _pk("organization"), data=lambda w: {"city": "Bandung"})
    ],
    "organization_delete": [Rule("DELETE", ANSWERS, _pk("empty_organization"))],
    "organization_stakeholder_map": [Rule("GET", SEES, _pk("organization"))],
    "important_date_upcoming_list": [Rule("GET", AUTHENTICATED)],
    "person_list": [
        Rule("GET", AUTHENTICATED),
        Rule("GET", AUTHENTICATED, query="q=wayang", variant="search"),
    ],
    "people_typeahead": [Rule("GET", AUTHENTICATED, query="q=sury")],
    "person_get": [Rule("GET", SEES, _pk("person"))],
    "person_create": [
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {"full_name": "Niken", "organization_id": w.organization.pk},  # type: ignore[union-attr]
        )
    ],
    "person_update": [
        Rule("PATCH", LOOKS_AFTER, _pk("person"), data=lambda w: {"job_title": "Kepala"}),
        Rule(
            "PATCH",
            LOOKS_AFTER,
            _pk("person"),
            data=lambda w: {"stage": "acquaintance", "reason": "Bertemu"},
            variant="stage",
        ),
        Rule(
            "PATCH",
            ANSWERS,
            _pk("person"),
            data=lambda w: {"envoy_id": None},
            variant="envoy",
        ),
        # Suryo's envoy may not change Wayan (the envoy for Wayan may)
        Rule(
            "PATCH",
            frozenset({"owner", "manager", "admin", "through_one"}),
            _pk("colleague"),
            data=lambda w: {"job_title": "Kepala"},
            variant="colleague",
        ),
    ],
    # Wayan (Suryo received gifts: deleting him is refused, 409, see test_protected_deletes)
    "person_delete": [Rule("DELETE", ANSWERS, _pk("colleague"))],
    "fact_list": [Rule("GET", AUTHENTICATED)],
    "fact_get": [
        Rule("GET", SEES, _pk("fact")),
        Rule("GET", SEES_SENSITIVE, _pk("sensitive_fact"), variant="sensitive"),
    ],
    "fact_create": [
        Rule(
            "POST",
            LOOKS_AFTER,
            data=lambda w: {"person_id": w.person.pk, "category": "interest", "text": "Kopi"},  # type: ignore[union-attr]
        )
    ],
    "fact_update": [Rule("PATCH", LOOKS_AFTER, _pk("fact"), data=lambda w: {"text": "Gamelan"})],
    "fact_delete": [Rule("DELETE", LOOKS_AFTER, _pk("fact"))],
    "interaction_list": [Rule("GET", AUTHENTICATED)],
    "interaction_get": [Rule("GET", SEES, _pk("interaction"))],
    "interaction_create": [
        Rule(
            "POST",
            CREATORS_WHO_SEE,
            data=lambda w: {
                "kind": "call",
                "occurred_at": "2026-01-11T09:00:00+07:00",
                "participant_ids": [w.person.pk],  # type: ignore[union-attr]
                "summary": "Telepon",
            },
        )
    ],
    "interaction_update": [
        Rule("PATCH", EDITS_INTERACTION, _pk("interaction"), data=lambda w: {"summary": "Makan"})
    ],
    "interaction_delete": [Rule("DELETE", EDITS_INTERACTION, _pk("interaction"))],
    # relationship health (the health app's router, mounted under /api/people/)
    "person_health": [Rule("GET", SEES, _pk("person"))],
    "organization_health": [Rule("GET", SEES, _pk("organization"))],
}

# --- discovery --------------------------------------------------------------------------------

VIEW_METHODS = ("get", "post", "put", "patch", "delete")
HTTP_METHODS = frozenset(m.upper() for m in VIEW_METHODS)


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _function_view_methods(view: Any, depth: int = 0) -> set[str] | None:
    """The methods a `require_http_methods` (`require_POST`, …) decorator lets through, found in
    the closures of the decorated function; None when no such decorator wraps it."""
    for cell in getattr(view, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, list | tuple) and value and set(value) <= HTTP_METHODS:
            return set(value)
        if callable(value) and depth < 6:
            found = _function_view_methods(value, depth + 1)
            if found is not None:
                return found
    return None


@functools.cache
def page_endpoints() -> dict[str, set[str]]:
    """Every named page of the URLconf (not the API, not Django's admin) and its HTTP methods:
    a class-based view's handlers; a function view's `require_http_methods`, else GET."""
    found: dict[str, set[str]] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.startswith(("api:", "admin:")):
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None:
            methods = _function_view_methods(pattern.callback) or {"GET"}
        else:
            allowed = getattr(view_class, "http_method_names", VIEW_METHODS)
            methods = {m.upper() for m in VIEW_METHODS if hasattr(view_class, m) and m in allowed}
        found.setdefault(name, set()).update(methods)
    return found


@functools.cache
def api_operations() -> dict[str, tuple[str, str]]:
    """Every API operation of the OpenAPI schema: operation id → (method, path)."""
    from karib.urls import api

    operations = {}
    for path, item in api.get_openapi_schema()["paths"].items():
        for method, operation in item.items():
            operations[operation["operationId"]] = (method.upper(), path)
    return operations


def all_pages() -> dict[str, list[Rule]]:
    return {**PAGES, **expectations.PAGES}


def all_operations() -> dict[str, list[Rule]]:
    return {**API, **expectations.API}


def _undeclared(pages: dict[str, list[Rule]], operations: dict[str, list[Rule]]) -> list[str]:
    missing = []
    for name, methods in sorted(page_endpoints().items()):
        declared = {rule.method for rule in pages.get(name, [])}
        missing += [f"page {name} {method}" for method in sorted(methods - declared)]
    for operation_id, (method, path) in sorted(api_operations().items()):
        if not any(rule.method == method for rule in operations.get(operation_id, [])):
            missing.append(f"api {operation_id} {method} {path}")
    return missing


# --- the declarations are complete ------------------------------------------------------------


def test_every_endpoint_has_a_declared_expectation():
    missing = _undeclared(all_pages(), all_operations())
    assert not missing, (
        "endpoints without a declared access expectation (declare them in PAGES / API here, "
        "or in tests/core/access_expectations.py):\n" + "\n".join(missing)
    )


def test_no_expectation_is_declared_for_an_endpoint_that_does_not_exist():
    pages, operations = page_endpoints(), api_operations()
    stale = [f"page {name}" for name in all_pages() if name not in pages]
    stale += [f"api {operation}" for operation in all_operations() if operation not in operations]
    stale += [
        f"page {name} {rule.method}"
        for name, rules in all_pages().items()
        for rule in rules
        if name in pages and rule.method not in pages[name]
    ]
    assert not stale


def test_the_discovery_sees_every_app_and_every_method():
    pages, operations = page_endpoints(), api_operations()
    for app in ("people", "promises", "gifts", "service", "privacy", "steer", "core", "account"):
        assert any(name.startswith(f"{app}:") for name in pages), app
    for prefix in ("/api/people/", "/api/promises/", "/api/gifts/", "/api/conversations/"):
        assert any(path.startswith(prefix) for _m, path in operations.values()), prefix
    # a function view behind require_POST is found as POST only
    assert pages["promises:transition"] == {"POST"}
    assert pages["gifts:approve"] == {"POST"}


# --- the matrix -------------------------------------------------------------------------------

# Calls known to answer 500 for the relations that may not make them, until fixed outside the
# access rules (each entry names the file to fix; delete the entry with the fix). Any other
# 5xx fails the matrix.
KNOWN_SERVER_ERRORS: dict[str, str] = {}

# Writes that are not a change of the records: the session (the login itself), django-axes'
# log of attempts, and an API token's last use (`UPDATE core_apitoken SET last_used_at`).
NOT_RECORDS = ("django_session", "axes_")
WRITES = ("insert", "update", "delete")


def _sets_only(sql: str, column: str) -> bool:
    match = re.search(r"\bSET\s+(.*?)\s+WHERE\b", sql, re.IGNORECASE | re.DOTALL)
    return (
        match is not None
        and match.group(1).strip().strip('"').startswith(column)
        and ("," not in match.group(1))
    )


class _WriteRecorder:
    """Collects the tables written to while installed (`connection.execute_wrapper`)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        words = sql.lstrip().split(None, 3)
        verb = words[0].lower() if words else ""
        if verb in WRITES:
            target = words[2] if verb in {"insert", "delete"} and len(words) > 2 else words[1]
            table = target.strip('"`').lower()
            token_use = table == "core_apitoken" and _sets_only(sql, "last_used_at")
            if not table.startswith(NOT_RECORDS) and not token_use:
                self.tables.add(table)
        return execute(sql, params, many, context)


def _succeeded(response: Any) -> bool:
    if response.status_code in {200, 201, 204}:
        return True
    return response.status_code == 302 and not response["Location"].startswith("/login")


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _call(client: Client, rule: Rule, url: str, world: World, *, api: bool) -> Any:
    data = rule.data(world) if rule.data else None
    method = rule.method.lower()
    extra = dict(rule.environ)
    if method == "get":
        return client.get(url, **extra)
    if api and rule.multipart:
        return getattr(client, method)(url, data=data or {}, **extra)
    if api:
        body = "{}" if data is None else json.dumps(data)
        return getattr(client, method)(url, data=body, content_type="application/json", **extra)
    if method == "post":
        return client.post(url, data=data or {}, **extra)
    return getattr(client, method)(url, data="", content_type="text/plain", **extra)


def _cases() -> Iterator[Any]:
    for name, rules in all_pages().items():
        for rule in rules:
            yield pytest.param("page", name, rule, id=f"{name} {rule.method} {rule.variant}")
    for operation_id, rules in all_operations().items():
        for rule in rules:
            yield pytest.param(
                "api", operation_id, rule, id=f"{operation_id} {rule.method} {rule.variant}"
            )


def _url(kind: str, key: str, rule: Rule, world: World) -> str:
    arguments = rule.args(world)
    if kind == "page":
        url = reverse(key, kwargs=arguments)
    else:
        _method, path = api_operations()[key]
        url = path.format(**arguments)
    return f"{url}?{rule.query}" if rule.query else url


@dataclass
class Cast:
    world: World
    pages: dict[str, Client]
    api: dict[str, Client]


@pytest.fixture(scope="module")
def cast(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Cast]:
    """The world and a logged-in client per relation, made once for the module inside a
    transaction rolled back at its end; each call below runs in a savepoint rolled back too."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = seed_matrix_world()
        pages: dict[str, Client] = {}
        api: dict[str, Client] = {}
        for relation in RELATIONS:
            user = world.user(relation)
            # a server error is an answer to judge, not an exception ending the test
            pages[relation] = Client(raise_request_exception=False)
            api[relation] = (
                Client(raise_request_exception=False)
                if user is None
                else ApiClient(user, raise_request_exception=False)
            )
            if user is not None:
                pages[relation].force_login(user)
        yield Cast(world, pages, api)
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "key", "rule"), list(_cases()))
def test_every_relation_gets_exactly_what_the_rule_allows(cast, kind, key, rule):
    # given the records and a user in every relation to them
    world, api = cast.world, kind == "api"
    clients = cast.api if api else cast.pages
    url = _url(kind, key, rule, world)
    reveals = SEES if rule.reveals is None else rule.reveals
    problems = []
    for relation in RELATIONS:
        # when they make the call (rolled back afterwards)
        writes = _WriteRecorder()
        client = clients[relation]
        cookies = copy.deepcopy(client.cookies)  # a log out or a language switch is undone too
        with transaction.atomic(), connection.execute_wrapper(writes):
            response = _call(client, rule, url, world, api=api)
            body = _body(response) if response.status_code < 400 else ""
            transaction.set_rollback(True)
        client.cookies = cookies
        changed = bool(writes.tables)
        allowed = relation in rule.allowed
        is_write = rule.method != "GET"
        # then it succeeds exactly for the allowed relations; a refused call changes nothing
        if rule.judge is not None:
            succeeded = rule.judge(response)
        elif rule.by_effect_only:
            succeeded = changed
        else:
            succeeded = _succeeded(response) and (changed or not is_write or not rule.changes)
        if response.status_code >= 500 and key not in KNOWN_SERVER_ERRORS:
            problems.append(f"{relation}: server error {response.status_code}")
        if allowed and not succeeded:
            answer = "" if response.streaming else response.content[:300].decode(errors="replace")
            problems.append(f"{relation}: refused ({response.status_code}) but allowed {answer}")
        if not allowed and (succeeded or changed):
            problems.append(
                f"{relation}: LEAK, {response.status_code}, wrote {sorted(writes.tables)}"
            )
        # and nobody reads what they may not see
        if relation not in reveals and SECRET_NAME in body:
            problems.append(f"{relation}: LEAK, the person's name is in the answer")
        if relation not in SEES_SENSITIVE and SENSITIVE_TEXT in body:
            problems.append(f"{relation}: LEAK, the sensitive fact is in the answer")
    assert not problems, f"{rule.method} {url}:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_who_may_see_the_organization_is_the_inverse_of_the_scope():
    # given the world, and one more manager of the owner's team who has left
    world = seed_people_world()
    organization = world.organization
    assert organization is not None
    gone = world.user("same_team")
    assert gone is not None
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    # when asking both questions
    may_see = set(access.users_who_may_see_organization(organization=organization))
    # then they agree for every active relation, and the inactive user is not named
    for relation in AUTHENTICATED:
        user = world.user(relation)
        assert user is not None
        sees = Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
        assert (user in may_see) == (sees and user.is_active), relation
    assert {u.username for u in may_see} == {
        world.user(relation).username  # type: ignore[union-attr]
        for relation in SEES
    }


@pytest.mark.django_db
@pytest.mark.parametrize("with_organization", [True, False])
def test_who_may_see_the_person_is_the_inverse_of_the_scope(with_organization):
    # given the world's person, with their organization or quick-added without one
    world = seed_people_world()
    person = world.person
    assert person is not None
    if not with_organization:
        type(person).objects.filter(pk=person.pk).update(organization=None)
        person.refresh_from_db()
    # when asking both questions
    may_see = set(access.users_who_may_see_person(person=person))
    # then they agree for every relation
    for relation in AUTHENTICATED:
        user = world.user(relation)
        assert user is not None
        sees = type(person).objects.visible_to(user).filter(pk=person.pk).exists()
        assert (user in may_see) == (sees and user.is_active), relation
