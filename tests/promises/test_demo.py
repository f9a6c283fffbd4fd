"""The demo has the first project's promises, and loading it twice changes nothing."""

from __future__ import annotations

import io

from karib.demo.loader import load_demo
from karib.people.models import Person
from karib.promises.models import Promise, PromiseStatus
from karib.promises.selectors import promise_list


def test_demo_tells_the_first_story_and_is_idempotent(db, settings, tmp_path):
    # given an empty database
    settings.VAR_DIR = tmp_path

    # when the demo is loaded twice
    load_demo(stdout=io.StringIO())
    first = sorted(Promise.objects.values_list("pk", "status", "text"))
    load_demo(stdout=io.StringIO())

    # then nothing was added the second time
    assert sorted(Promise.objects.values_list("pk", "status", "text")) == first

    # and the official's promises show some kept, one silent break, one renegotiated by Dewi
    official = Person.objects.get(full_name="Suryo Wibowo")
    from django.contrib.auth.models import User

    budi = User.objects.get(username="budi")
    promises = list(promise_list(user=budi, filters={"person": official.pk}))
    statuses = [p.status for p in promises]
    assert statuses.count(PromiseStatus.KEPT) >= 2
    silent = [p for p in promises if p.is_silent_break]
    assert len(silent) == 1
    assert "Pelatihan operator" in silent[0].text
    renegotiated = [p for p in promises if p.status == PromiseStatus.RENEGOTIATED]
    assert len(renegotiated) == 1
    assert renegotiated[0].history.get(to_status="renegotiated").changed_by.username == "dewi"
    assert renegotiated[0].original_text
