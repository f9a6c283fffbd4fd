"""A day at Karib under load (locust, headless): `make load-test` (see README.md here).

Each simulated user is one of the generated users, on a session opened for it by drive.sh,
with a think time of 1-3 s. Four in five are sales users (bench_sales_N): they open Today, a
person page, the filtered list, a search, the promise list and the conversation list, and
through the API log an interaction, add a fact and move a promise (record one, then mark it
kept). One in five is a QA reviewer (bench_qa_N): the review queue, a conversation, a review
with verdicts, and now and then an import of a small file. Weights follow a working day:
reading is most of it.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

SESSIONS = json.loads(
    Path(os.environ.get("KARIB_LOAD_SESSIONS", "var/load/sessions.json")).read_text()
)
if isinstance(SESSIONS, list):  # sessions.json from before the QA reviewers
    SESSIONS = {"sales": SESSIONS, "qa": []}
SEARCHES = ["Suryo", "Wibowo", "wayang", "Ratna", "kopi", "Bandung", "Sari Kusuma"]
STAGES = ["stranger", "acquaintance", "customer", "trusted_advisor", "close_friend"]
_numbers = {"sales": itertools.count(), "qa": itertools.count()}
_imports = itertools.count()
SHORT_CALL = [
    ("Agus", "agent", "Selamat pagi, dengan Agus. Ada yang bisa dibantu?"),
    ("Nasabah", "customer", "Saya mau tutup kartu kredit saya."),
    ("Agus", "agent", "Baik Bapak, sudah kami tutup. Terima kasih, selamat beraktivitas."),
]


class KaribUser(HttpUser):
    abstract = True
    kind = "sales"

    def on_start(self) -> None:
        """Take one of the sessions drive.sh opened (logging 50 users in at once would measure
        password hashing, which a working day does once per user)."""
        self.client.verify = False  # prod-check's throwaway certificate on loopback
        pool = SESSIONS[self.kind]
        session = pool[next(_numbers[self.kind]) % len(pool)]
        self.client.cookies.set("sessionid", session["sessionid"])
        self.client.cookies.set("csrftoken", session["csrftoken"])
        self.csrf = session["csrftoken"]
        self.team_id = session.get("team_id")
        self.session = session

    def api_headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.csrf, "Referer": self.host + "/"}


class SalesUser(KaribUser):
    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        super().on_start()
        # The people and organizations this user sees, read by drive.sh (no request here: a
        # harness picking ids at the start is not part of the mix, and 20-50 users doing it
        # at once measured a burst no working day has).
        self.people = list(self.session.get("people") or [1])
        self.organizations = list(self.session.get("organizations") or [1])

    @task(1)
    def api_person_list(self) -> None:
        self.client.get("/api/people/persons?page_size=100", name="api: person list")

    @task(6)
    def today(self) -> None:
        self.client.get("/today/", name="Today")

    @task(8)
    def person_page(self) -> None:
        self.client.get(f"/people/{random.choice(self.people)}/", name="person page")

    @task(5)
    def filtered_list(self) -> None:
        stage = random.choice(STAGES)
        self.client.get(
            f"/people/?stage={stage}&influence={random.randint(1, 5)}", name="filtered list"
        )

    @task(5)
    def search(self) -> None:
        self.client.get(f"/people/?q={random.choice(SEARCHES)}", name="search")

    @task(3)
    def promises(self) -> None:
        self.client.get("/promises/", name="promise list")

    @task(2)
    def conversations(self) -> None:
        self.client.get("/conversations/", name="conversation list")

    @task(2)
    def log_interaction(self) -> None:
        self.client.post(
            "/api/people/interactions",
            json={
                "kind": "call",
                "occurred_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "participant_ids": [random.choice(self.people)],
                "summary": "Telepon singkat: menanyakan jadwal kunjungan lapangan",
            },
            headers=self.api_headers(),
            name="api: log an interaction",
        )

    @task(1)
    def add_fact(self) -> None:
        self.client.post(
            "/api/people/facts",
            json={
                "person_id": random.choice(self.people),
                "category": "interest",
                "text": "Penggemar wayang, tokoh Bima",
            },
            headers=self.api_headers(),
            name="api: add a fact",
        )

    @task(2)
    def move_a_promise(self) -> None:
        """Record a promise to one of my organizations and mark it kept: two writes that lock
        the promise row and write its history and audit."""
        due = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=14)
        created = self.client.post(
            "/api/promises/",
            json={
                "organization_id": random.choice(self.organizations),
                "text": "Kirim jadwal pelatihan operator",
                "due_date": due.isoformat(),
            },
            headers=self.api_headers(),
            name="api: record a promise",
        )
        if created.status_code != 201:
            return
        promise = created.json()
        self.client.post(
            f"/api/promises/{promise['id']}/kept",
            json={"version": promise["version"], "reason": "Jadwal terkirim"},
            headers=self.api_headers(),
            name="api: mark a promise kept",
        )


class QAReviewer(KaribUser):
    """Reviews the team's conversations riskiest first, and sometimes imports a small file."""

    kind = "qa"
    weight = 1 if SESSIONS["qa"] else 0
    wait_time = between(1, 3)

    def on_start(self) -> None:
        super().on_start()
        self.conversations = list(self.session.get("conversations") or [1])

    @task(1)
    def api_conversation_list(self) -> None:
        self.client.get("/api/conversations/?page_size=100", name="api: conversation list")

    @task(3)
    def queue(self) -> None:
        self.client.get("/conversations/", name="review queue")

    @task(3)
    def conversation(self) -> None:
        self.client.get(
            f"/api/conversations/{random.choice(self.conversations)}", name="api: conversation"
        )

    @task(2)
    def review(self) -> None:
        pk = random.choice(self.conversations)
        detail = self.client.get(f"/api/conversations/{pk}", name="api: conversation")
        if detail.status_code != 200:
            return
        findings = detail.json().get("findings", [])
        codes = {str(f["code"] if isinstance(f, dict) else f) for f in findings}
        self.client.post(
            f"/api/conversations/{pk}/review",
            json={
                "verdicts": dict.fromkeys(codes, "agree"),
                "comment": "Sudah saya dengarkan; temuan sesuai.",
                "qa_score": random.randint(60, 95),
            },
            headers=self.api_headers(),
            name="api: review a conversation",
        )

    @task(1)
    def import_a_file(self) -> None:
        """Five new conversations in one JSONL file (unique ids: never a duplicate)."""
        number = next(_imports)
        lines = [
            json.dumps(
                {
                    "conversation_id": f"LOAD-{os.getpid()}-{number}-{index}",
                    "channel": "phone",
                    "product": "credit_card",
                    "turns": [
                        {"speaker": speaker, "role": role, "text": text}
                        for speaker, role, text in SHORT_CALL
                    ],
                }
            )
            for index in range(5)
        ]
        self.client.post(
            "/api/conversations/import",
            data={"team": self.team_id or 1, "channel": "phone", "product": "credit_card"},
            files={"files": ("load.jsonl", ("\n".join(lines) + "\n").encode(), "application/json")},
            headers=self.api_headers(),
            name="api: import a file",
        )
