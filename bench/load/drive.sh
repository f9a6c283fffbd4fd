#!/usr/bin/env bash
# Run by deploy/prod-check.sh (PROD_CHECK_THEN) once the stack is up: generate the data set if
# the database has none, then locust at 5, 20 and 50 users; prints the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${VENV:-.venv}/bin"
SCALE="${KARIB_LOAD_SCALE:-1.0}"
RUN_TIME="${KARIB_LOAD_RUN_TIME:-60s}"
OUT="${KARIB_LOAD_OUT:-var/load}"
mkdir -p "$OUT"
people="$("$BIN/karib" manage shell -c 'from karib.people.models import Person; print(Person.objects.count())' 2>/dev/null | tail -n1)"
if [ "${people:-0}" -lt 1000 ]; then
    echo "== generating the data set (scale $SCALE of 100k people)"
    DJANGO_SETTINGS_MODULE=karib.settings.base "$BIN/python" bench/people_bench.py \
        --scale "$SCALE" --requests 3
fi
KARIB_LOAD_PASSWORD="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(16))')"
export KARIB_LOAD_PASSWORD
KARIB_LOAD_PASSWORD="$KARIB_LOAD_PASSWORD" "$BIN/karib" manage shell -c '
import os
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
User.objects.filter(username__startswith="bench_").update(password=make_password(os.environ["KARIB_LOAD_PASSWORD"]))
' >/dev/null
"$BIN/karib" manage unlock --ip 127.0.0.1 >/dev/null
for users in 5 20 50; do
    echo "== locust: $users users for $RUN_TIME"
    ( while sleep 2; do
        psql -Atq -d "${DATABASE_URL}" -c "select count(*) from pg_stat_activity where datname = current_database()" 2>/dev/null
      done >"$OUT/connections-$users.txt" ) &
    sampler=$!
    "$BIN/locust" -f bench/load/locustfile.py --headless -u "$users" -r "$users" \
        --run-time "$RUN_TIME" --host "$KARIB_LOAD_HOST" --csv "$OUT/users-$users" \
        --only-summary >"$OUT/locust-$users.log" 2>&1 || true
    kill "$sampler" 2>/dev/null || true
done
"$BIN/python" bench/load/report.py "$OUT"
