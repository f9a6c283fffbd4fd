"""A conversation import's uploaded files are personal data: a batch deleted by a cascade (its
team deleted, an admin's delete) takes their stored bytes with it, once the delete commits."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from karib.service import services
from karib.service.models import ImportBatch, ImportFile

from .factories import DATA, agent_user, reviewer_user, service_team

pytestmark = pytest.mark.django_db


def _waiting_batch(team, by) -> ImportBatch:
    """A batch of two files uploaded, not imported yet: their bytes wait in the storage."""
    agent_user(team)
    content = (DATA / "three.jsonl").read_bytes()
    return services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[
            services.UploadedFile("satu.jsonl", content),
            services.UploadedFile("dua.jsonl", content),
        ],
        by=by,
    )


def _stored(batch: ImportBatch) -> list[str]:
    names = [name for name in batch.files.values_list("upload", flat=True) if name]
    assert len(names) == 2
    assert all(default_storage.exists(name) for name in names)
    return names


@pytest.mark.parametrize("deleted", ["batch", "team"])
def test_a_deleted_batch_takes_its_stored_files_with_it(
    django_capture_on_commit_callbacks, deleted
):
    # given a batch whose two files wait in the storage
    team = service_team()
    batch = _waiting_batch(team, reviewer_user(team))
    names = _stored(batch)
    # when the batch is deleted, or its team (cascading to the batch and its files)
    with django_capture_on_commit_callbacks(execute=True):
        (batch if deleted == "batch" else team).delete()
    # then the rows and the stored bytes are gone
    assert not ImportFile.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_the_files_stay_until_the_delete_commits(django_capture_on_commit_callbacks):
    # given a batch whose files wait in the storage
    team = service_team()
    batch = _waiting_batch(team, reviewer_user(team))
    names = _stored(batch)
    # when it is deleted in a transaction that has not committed yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch.delete()
        # then the files are still there (a rollback would keep rows pointing at them)
        assert all(default_storage.exists(name) for name in names)
    # and once it commits they go
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in names)
