"""Upload limits: file types, number of files and total size, in the form, the API and the
service alike."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from karib.core.errors import DomainError
from karib.service import services
from karib.service.imports import pipeline
from karib.service.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_the_upload_form_refuses_wrong_types_too_many_and_too_large_files(
    team, lina, client_for, monkeypatch
):
    client = client_for(lina)
    data = {"team": team.pk, "channel": "phone", "product": "loan"}

    # when a program and a picture are uploaded (the site speaks Indonesian)
    wrong = client.post(
        reverse("service:import"),
        {
            **data,
            "uploads": [
                SimpleUploadedFile("evil.exe", b"MZ\x90\x00"),
                SimpleUploadedFile("p.png", b"\x89PNG"),
            ],
        },
    )
    # and 21 files
    many = client.post(
        reverse("service:import"),
        {**data, "uploads": [SimpleUploadedFile(f"{n}.txt", b"a: b\n") for n in range(21)]},
    )
    # and files over the total size
    monkeypatch.setattr(pipeline, "MAX_IMPORT_TOTAL_BYTES", 1024 * 1024)
    large = client.post(
        reverse("service:import"),
        {**data, "uploads": [SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))]},
    )

    # then each is refused with a clear error and nothing is stored
    assert wrong.status_code == many.status_code == large.status_code == 422
    errors = wrong.context["form"].errors["uploads"]
    assert any(e.startswith("evil.exe: jenis berkas ini tidak dapat diimpor") for e in errors)
    assert any(e.startswith("p.png:") for e in errors)
    assert many.context["form"].errors["uploads"] == [
        "21 berkas dipilih; satu impor menerima paling banyak 20."
    ]
    assert large.context["form"].errors["uploads"] == [
        "Total berkas 2 MB; satu impor menerima paling banyak 1 MB."
    ]
    assert not ImportBatch.objects.exists()


def test_the_api_refuses_unknown_file_types_with_422(team, lina, client_for):
    response = client_for(lina).post(
        "/api/conversations/import",
        {
            "team": team.pk,
            "channel": "phone",
            "product": "loan",
            "files": [SimpleUploadedFile("evil.exe", b"MZ\x90\x00")],
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["code"], error["field"]) == ("invalid", "files")
    assert error["message"].startswith("evil.exe: ")
    assert not ImportBatch.objects.exists()


def test_the_service_refuses_too_many_files_too(team, lina):
    files = [services.UploadedFile(f"{n}.txt", b"a: b\n") for n in range(21)]
    with pytest.raises(DomainError) as error:
        services.import_batch_create(
            team=team, channel="phone", product="loan", files=files, by=lina
        )
    assert (error.value.code, error.value.field) == ("limit_exceeded", "files")
    assert not ImportBatch.objects.exists()
