#!/usr/bin/env bash
# `make prod-check`: run Karib here the way deploy/ runs it in production, smoke-test it through
# nginx, and stop everything it started.
#
#   PostgreSQL (a fresh database karib_prodcheck_<pid>), production settings, migrations,
#   collectstatic; gunicorn with 4 workers (deploy/gunicorn.conf.py); 2 task workers;
#   nginx with deploy/nginx/karib.conf.template on https://127.0.0.1:$PROD_CHECK_PORT (a
#   throwaway self-signed certificate). All plain processes: no systemd needed.
#
# Smoke test through nginx: the login page, a static file served by nginx, /api/health/ready,
# an authenticated API call (token), a session login, a job run by a worker, the metrics, JSON
# logs with a request id. Any failure stops the check with the reason and the logs' tails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BIN="${VENV:-.venv}/bin"
PORT="${PROD_CHECK_PORT:-8443}"
WEB_PORT="${PROD_CHECK_WEB_PORT:-8002}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

say() { printf '== prod-check: %s\n' "$*"; }
fail() {
    printf 'prod-check FAILED: %s\n' "$*" >&2
    for log in "$WORK"/logs/*.log; do
        [ -f "$log" ] && { echo "--- tail of $log" >&2; tail -n 25 "$log" >&2; }
    done
    exit 1
}

for tool in nginx openssl curl psql pg_isready; do
    command -v "$tool" >/dev/null || { echo "prod-check needs $tool (apt-get install nginx openssl curl postgresql-client)" >&2; exit 1; }
done
[ -x "$BIN/gunicorn" ] || { echo "prod-check needs the venv: run make prod-check (it installs Karib)" >&2; exit 1; }
if ! pg_isready -q -t 5 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start 2>/dev/null || true
    for _ in $(seq 1 20); do pg_isready -q -t 1 && break; sleep 1; done
fi
pg_isready -q -t 5 || { echo "PostgreSQL at $PGHOST:$PGPORT is unreachable" >&2; exit 1; }

WORK="$(mktemp -d /tmp/karib-prod-check.XXXXXX)"
DB="${PROD_CHECK_DB:-karib_prodcheck_$$}"  # the load test keeps its own (PROD_CHECK_KEEP_DB=1)
PIDS=()
cleanup() {
    status=$?
    set +e
    if [ -f "$WORK/nginx.pid" ]; then nginx -p "$WORK" -c "$WORK/nginx.conf" -s quit 2>/dev/null; fi
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done  # gunicorn: 30 s grace
        kill -KILL "$pid" 2>/dev/null
    done
    if [ -z "${PROD_CHECK_KEEP_DB:-}" ]; then
        psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1
    fi
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT INT TERM
mkdir -p "$WORK/logs" "$WORK/var" "$WORK/metrics" "$WORK/nginx-temp"

say "database $DB on $PGHOST:$PGPORT"
if [ -z "${PROD_CHECK_KEEP_DB:-}" ] || ! psql -Atq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'" | grep -q 1; then
    psql -q -d postgres -c "CREATE DATABASE ${DB}"
fi

export DJANGO_SETTINGS_MODULE=karib.settings.prod
SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"
export KARIB_VAR_DIR="$WORK/var" STATIC_ROOT="$WORK/var/static"
export ALLOWED_HOSTS="127.0.0.1,localhost" CSRF_TRUSTED_ORIGINS="https://127.0.0.1:${PORT}"
export PROMETHEUS_MULTIPROC_DIR="$WORK/metrics" KARIB_BIND="127.0.0.1:${WEB_PORT}" WEB_CONCURRENCY=4
export LOG_FORMAT=json

say "migrate and collectstatic (production settings)"
"$BIN/karib" manage check --deploy --fail-level WARNING >"$WORK/logs/check.log" 2>&1 || fail "check --deploy"
"$BIN/karib" manage migrate --noinput >"$WORK/logs/migrate.log" 2>&1 || fail "migrate"
"$BIN/karib" manage collectstatic --noinput >"$WORK/logs/collectstatic.log" 2>&1 || fail "collectstatic"
PASSWORD="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(16))')"
TOKEN="$(PASSWORD="$PASSWORD" "$BIN/karib" manage shell -c '
import os
from django.contrib.auth.models import Group, User
from karib.core.services import api_token_create
user, _ = User.objects.get_or_create(username="smoke", defaults={"email": "smoke@example.test"})
user.set_password(os.environ["PASSWORD"])
user.save()
user.groups.add(Group.objects.get(name="Sales"))
print(api_token_create(user=user, name="prod-check").secret)
' 2>>"$WORK/logs/migrate.log" | tail -n1)"
[ -n "$TOKEN" ] || fail "could not create the smoke user"

say "gunicorn with $WEB_CONCURRENCY workers on 127.0.0.1:$WEB_PORT"
"$BIN/gunicorn" -c deploy/gunicorn.conf.py >"$WORK/logs/web.log" 2>&1 &
PIDS+=($!)
say "2 task workers"
for n in 1 2; do
    "$BIN/karib" worker --worker-id "prod-check-$n" >"$WORK/logs/worker-$n.log" 2>&1 &
    PIDS+=($!)
done

say "nginx on https://127.0.0.1:$PORT"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -keyout "$WORK/tls.key" -out "$WORK/tls.crt" >/dev/null 2>&1
KARIB_UPSTREAM="127.0.0.1:${WEB_PORT}" KARIB_LISTEN="127.0.0.1:${PORT}" \
KARIB_SERVER_NAME="127.0.0.1" KARIB_TLS_CERT="$WORK/tls.crt" KARIB_TLS_KEY="$WORK/tls.key" \
KARIB_STATIC_ROOT="$STATIC_ROOT" KARIB_ACCESS_LOG="$WORK/logs/nginx-access.log" \
"$BIN/python" - "$ROOT/deploy/nginx/karib.conf.template" \
    >"$WORK/karib-site.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(re.sub(r"\$\{(KARIB_[A-Z_]+)\}", lambda m: os.environ[m.group(1)], text))
PY
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"  # the checkout may sit in root's home
cat >"$WORK/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $WORK/logs/nginx-access.log;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/karib-site.conf;
}
EOF
nginx -p "$WORK" -c "$WORK/nginx.conf" -t >"$WORK/logs/nginx-test.log" 2>&1 || fail "nginx -t"
nginx -p "$WORK" -c "$WORK/nginx.conf" || fail "nginx did not start"

BASE="https://127.0.0.1:${PORT}"
CURL=(curl -sS -k --max-time 20)
ready=""
for _ in $(seq 1 60); do
    if "${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/api/health/ready" 2>/dev/null | grep -q 200; then
        ready=yes; break
    fi
    sleep 1
done
[ -n "$ready" ] || fail "/api/health/ready never answered 200 through nginx"

expect() {  # expect NAME CONDITION-DESCRIPTION; reads "ok"/"no" from the last test
    if [ "$2" = ok ]; then say "ok  $1"; else fail "$1"; fi
}
check() { if "$@"; then echo ok; else echo no; fi; }

say "smoke test through nginx"
body="$("${CURL[@]}" -c "$WORK/cookies" "$BASE/login/")"
expect "login page (200, translated form)" "$(check grep -q 'name="username"' <<<"$body")"
headers="$("${CURL[@]}" -D - -o /dev/null "$BASE/login/")"
expect "login page carries a Content-Security-Policy" "$(check grep -qi '^content-security-policy: .*script-src' <<<"$headers")"
expect "login page carries HSTS-ready security headers" "$(check grep -qi '^x-content-type-options: nosniff' <<<"$headers")"

css_url="$(grep -o '/static/karib/karib\.[0-9a-f]*\.css' <<<"$body" | head -n1)"
[ -n "$css_url" ] || css_url="/static/karib/karib.css"
static_headers="$("${CURL[@]}" -D - -o "$WORK/karib.css" "$BASE$css_url")"
expect "static file $css_url served by nginx with a long cache" \
    "$(check grep -qi '^cache-control: .*immutable' <<<"$static_headers")"
expect "static file content" "$(check grep -q 'htmx-indicator' "$WORK/karib.css")"

ready_json="$("${CURL[@]}" "$BASE/api/health/ready")"
expect "/api/health/ready: $ready_json" "$(check "$BIN/python" -c '
import json, sys
body = json.loads(sys.argv[1])
sys.exit(0 if body["status"] == body["database"] == body["migrations"] == body["task_queue"] == "ok" else 1)
' "$ready_json")"

me="$("${CURL[@]}" -H "Authorization: Bearer $TOKEN" -D "$WORK/me.headers" "$BASE/api/me")"
expect "authenticated API call /api/me as smoke" "$(check grep -q '"username": *"smoke"' <<<"$me")"
expect "API answer is not stored (Cache-Control: no-store)" "$(check grep -qi '^cache-control: no-store' "$WORK/me.headers")"
expect "no token, no data (401)" "$(check test "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/api/me")" = 401)"

csrf="$(awk '$6 == "csrftoken" {print $7}' "$WORK/cookies")"
login_status="$("${CURL[@]}" -b "$WORK/cookies" -c "$WORK/cookies" -o /dev/null -w '%{http_code}' \
    -H "Referer: $BASE/login/" --data-urlencode "csrfmiddlewaretoken=$csrf" \
    --data-urlencode "username=smoke" --data-urlencode "password=$PASSWORD" "$BASE/login/")"
expect "session login through the form (302)" "$(check test "$login_status" = 302)"
today="$("${CURL[@]}" -b "$WORK/cookies" -o /dev/null -w '%{http_code}' "$BASE/today/")"
expect "Today page for the logged-in user (200)" "$(check test "$today" = 200)"

"$BIN/karib" manage daily --enqueue >"$WORK/logs/daily.log" 2>&1 || fail "daily --enqueue"
done_jobs=""
for _ in $(seq 1 60); do
    done_jobs="$("$BIN/karib" manage shell -c '
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.filter(status="SUCCESSFUL").count(), DBTaskResult.objects.exclude(status="SUCCESSFUL").count())
' 2>/dev/null | tail -n1)"
    [ "${done_jobs#* }" = 0 ] && break
    sleep 1
done
expect "daily jobs run by the workers (successful, pending: $done_jobs)" "$(check test "${done_jobs#* }" = 0)"
workers_used="$("$BIN/karib" manage shell -c '
from django_tasks_db.models import DBTaskResult
print(sorted({w for ids in DBTaskResult.objects.values_list("worker_ids", flat=True) for w in ids}))
' 2>/dev/null | tail -n1)"
say "jobs claimed by: $workers_used"

metrics="$("${CURL[@]}" "$BASE/metrics")"
expect "metrics on loopback: request latency" "$(check grep -q '^django_http_requests_latency_seconds_by_view_method_bucket' <<<"$metrics")"
expect "metrics: task queue depth" "$(check grep -q '^karib_task_queue_depth\|^# TYPE karib_task_queue_depth' <<<"$metrics")"
expect "JSON request log with a request id" "$(check grep -q '"request_id": *"[0-9a-f]\{32\}"' "$WORK/logs/web.log")"
expect "no traceback in the web log" "$(check bash -c "! grep -q Traceback '$WORK/logs/web.log'")"
expect "4 gunicorn workers" "$(check test "$(pgrep -P "${PIDS[0]}" | wc -l)" = 4)"

say "passed"
if [ -n "${PROD_CHECK_THEN:-}" ]; then  # the load test drives the running stack
    say "running: $PROD_CHECK_THEN"
    KARIB_LOAD_HOST="$BASE" bash -c "$PROD_CHECK_THEN"
fi
say "stopping everything"
