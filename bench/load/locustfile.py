"""A day at Karib under load (locust, headless): `make load-test` (see README.md here).

Each simulated user is one of the generated sales users (bench_sales_N), on a session opened
for it by drive.sh, and, with a think time of 1-3 s:
opens Today, a person page, the filtered list, a search, the promise list, and through the API
logs an interaction, adds a fact and reads a conversation list. Weights follow a working day:
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
SEARCHES = ["Suryo", "Wibowo", "wayang", "Ratna", "kopi", "Bandung", "Sari Kusuma"]
STAGES = ["stranger", "acquaintance", "customer", "trusted_advisor", "close_friend"]
_numbers = itertools.count()


class SalesUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        """Take one of the sessions drive.sh opened (logging 50 users in at once would measure
        password hashing, which a working day does once per user)."""
        self.client.verify = False  # prod-check's throwaway certificate on loopback
        number = next(_numbers) % len(SESSIONS)
        session = SESSIONS[number]
        self.client.cookies.set("sessionid", session["sessionid"])
        self.client.cookies.set("csrftoken", session["csrftoken"])
        self.csrf = session["csrftoken"]
        people = self.client.get("/api/people/persons?limit=100", name="api: person list").json()
        items = people.get("items", people) if isinstance(people, dict) else people
        self.people = [person["id"] for person in items] or [1]

    def api_headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.csrf, "Referer": self.host + "/"}

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
