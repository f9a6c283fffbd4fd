"""Headers (CSP, no-store), API docs behind login, health readiness, metrics, logs, error pages."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client, override_settings
from django.urls import path

from karib.core.observability import imported_rows_count
from karib.core.roles import Role
from karib.urls import urlpatterns as karib_urlpatterns
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_without_inline_script(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    response = client.get("/today/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    # and the page itself has no inline script element
    html = response.content.decode()
    assert "<script>" not in html
    assert all(" src=" in tag for tag in html.split("<script")[1:])


def test_personal_pages_and_api_responses_are_not_stored(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    assert client.get("/today/")["Cache-Control"] == "no-store"
    assert client.get("/api/me")["Cache-Control"] == "no-store"
    # the login page is no personal data, but the API is never cached at all
    assert Client().get("/api/health")["Cache-Control"] == "no-store"


def test_api_docs_and_schema_need_a_login(client_for):
    anonymous = Client()
    for url in ("/api/docs", "/api/openapi.json"):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Karib API"


def test_readiness_reports_database_migrations_and_queue():
    # when (tests use the immediate task backend: nothing to reach)
    body = Client().get("/api/health/ready").json()
    # then
    assert body["database"] == "ok"
    assert body["migrations"] == "ok"
    assert body["pending_migrations"] == 0
    assert body["task_queue"] == "ok"
    assert body["status"] == "ok"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_readiness_reports_the_oldest_queued_job():
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from karib.people.tasks import important_dates_remind

    # given a job enqueued ten minutes ago and not yet run
    result = important_dates_remind.using(backend="default").enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    # when
    body = Client().get("/api/health/ready").json()
    # then
    assert body["queued_jobs"] == 1
    assert 590 <= body["oldest_queued_job_age_seconds"] <= 700


def test_metrics_expose_latency_queue_and_import_counters():
    # given an import counted by an app
    imported_rows_count(kind="people", rows=120, seconds=2.0)
    Client().get("/api/health")
    # when the scraper on this machine reads the metrics
    text = Client(REMOTE_ADDR="127.0.0.1").get("/metrics").content.decode()
    # then
    assert 'karib_imported_rows_total{kind="people"}' in text
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert "karib_task_queue_depth" in text
    assert "karib_tasks_parked" in text
    assert "karib_tasks_failed" in text


def test_metrics_are_hidden_from_other_addresses(client_for):
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404
    sales = client_for(UserFactory(username="sari", role=Role.SALES))
    assert sales.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_log_lines_carry_request_id_and_user_id_but_no_query(client_for, caplog):
    user = UserFactory(username="sari", role=Role.SALES)
    client = client_for(user)
    with caplog.at_level(logging.INFO, logger="karib.request"):
        response = client.get("/people/?q=Suryo+Wibowo", headers={"x-request-id": "abc123def456"})
    records = [r for r in caplog.records if r.name == "karib.request"]
    assert response["X-Request-ID"] == "abc123def456"
    assert records[-1].request_id == "abc123def456"
    assert records[-1].user_id == str(user.pk)
    assert "Suryo" not in records[-1].getMessage()
    # and the JSON formatter writes them as fields
    from pythonjsonlogger.json import JsonFormatter

    line = JsonFormatter("%(levelname)s %(message)s %(request_id)s %(user_id)s").format(records[-1])
    assert json.loads(line)["user_id"] == str(user.pk)


def boom(request):
    raise RuntimeError("secret detail from the database")


urlpatterns = [path("boom/", boom), path("api/boom/", boom), *karib_urlpatterns]


@override_settings(ROOT_URLCONF=__name__, KARIB_RENDER_SERVER_ERRORS=True, DEBUG=False)
def test_a_server_error_shows_the_translated_page_with_navigation_and_no_traceback(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "secret detail" not in html
    assert "Traceback" not in html
    assert 'class="mainnav"' in html  # the navigation stays
    assert "Terjadi kesalahan" in html
    assert response["X-Request-ID"] in html


def test_not_found_and_forbidden_pages_are_translated_and_keep_the_navigation(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="mainnav"' in html
    assert "Halaman ini tidak ada" in html


@override_settings(ROOT_URLCONF=__name__, KARIB_RENDER_SERVER_ERRORS=True, DEBUG=False)
def test_a_server_error_under_the_api_answers_the_one_error_shape(client_for):
    client = client_for(UserFactory(username="sari", role=Role.SALES))
    response = client.get("/api/boom/")
    assert response.status_code == 500
    assert response.json()["errors"][0]["code"] == "server_error"
    assert "secret detail" not in response.content.decode()
