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
    DJANGO_SETTINGS_MODULE=karib.settings.base ALLOWED_HOSTS=testserver "$BIN/python" bench/people_bench.py \
        --scale "$SCALE" --requests 5
fi
# The conversation side: a service team, its QA reviewers and 1,000 conversations (scale 1.0).
DJANGO_SETTINGS_MODULE=karib.settings.base "$BIN/python" bench/load/seed_service.py --scale "$SCALE"
# One logged-in session per generated sales user and QA reviewer (as after a morning login).
"$BIN/karib" manage shell -c '
import json, secrets
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
def sessions(prefix):
    opened = []
    for user in User.objects.filter(username__startswith=prefix).order_by("pk"):
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        team = getattr(getattr(user, "profile", None), "team_id", None)
        opened.append({"sessionid": store.session_key, "csrftoken": secrets.token_hex(16), "team_id": team, **seen(user, prefix)})
    return opened
def seen(user, prefix):
    # What each user works on, read here rather than by the test: the harness picking its ids
    # is no request of a working day.
    if prefix == "bench_sales_":
        from karib.people.selectors import person_list
        rows = list(person_list(user=user).values_list("pk", "organization_id")[:100])
        return {"people": [pk for pk, _ in rows], "organizations": sorted({o for _, o in rows if o})}
    from karib.service.selectors import conversation_list
    return {"conversations": list(conversation_list(user=user, filters={}).values_list("pk", flat=True)[:100])}
print(json.dumps({"sales": sessions("bench_sales_"), "qa": sessions("bench_qa_")}))
' 2>/dev/null | tail -n1 >"$OUT/sessions.json"
export KARIB_LOAD_SESSIONS="$OUT/sessions.json"
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
