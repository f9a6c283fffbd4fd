from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from karib.core.models import ApiToken, AuditEvent
from karib.core.roles import Role
from karib.core.services import api_token_create, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_valid_token_authenticates_the_api(client):
    # given
    user = UserFactory(username="sari", role=Role.SALES)
    issued = api_token_create(user=user, name="script")
    # when
    response = client.get("/api/me", **bearer(issued.secret))
    # then
    assert response.status_code == 200
    assert response.json()["username"] == "sari"
    assert response.json()["roles"] == ["Sales"]
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def test_only_a_hash_of_the_token_is_stored():
    user = UserFactory()
    issued = api_token_create(user=user, name="script")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"kb_{stored.prefix}_")
    assert issued.secret not in {stored.token_hash, stored.prefix, stored.name}
    assert len(stored.token_hash) == 64


@pytest.mark.parametrize(
    "header",
    [
        "Bearer kb_nothere_abc",
        "Bearer not-a-token",
        "Bearer ",
        "Basic c2FyaTpzZWNyZXQ=",
    ],
)
def test_wrong_or_malformed_tokens_are_rejected(client, header):
    UserFactory()
    response = client.get("/api/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_a_token_with_the_right_prefix_but_wrong_secret_is_rejected(client):
    issued = api_token_create(user=UserFactory(), name="script")
    forged = issued.secret[:-4] + ("AAAA" if not issued.secret.endswith("AAAA") else "BBBB")
    assert client.get("/api/me", **bearer(forged)).status_code == 401


def test_a_revoked_token_is_rejected_and_the_revocation_audited(client):
    user = UserFactory()
    issued = api_token_create(user=user, name="script")
    api_token_revoke(token=issued.token, by=user)
    assert client.get("/api/me", **bearer(issued.secret)).status_code == 401
    assert AuditEvent.objects.filter(object_id=str(issued.token.pk), summary="revoked").exists()


def test_a_token_of_an_inactive_user_is_rejected(client):
    user = UserFactory()
    issued = api_token_create(user=user, name="script")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/me", **bearer(issued.secret)).status_code == 401


def test_anonymous_api_calls_are_unauthorized(client):
    assert client.get("/api/me").status_code == 401


def test_profile_page_creates_a_token_shown_once(client_for):
    user = UserFactory()
    client = client_for(user)
    response = client.post("/profile/", {"name": "laptop"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret.startswith("kb_")
    assert secret in response.content.decode()
    # the next visit does not show it again
    assert secret not in client.get("/profile/").content.decode()
    assert client.get("/api/me", **bearer(secret)).status_code == 200


def test_profile_page_rejects_an_empty_token_name(client_for):
    user = UserFactory()
    response = client_for(user).post("/profile/", {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_own_token_but_not_someone_elses(client_for):
    owner, other = UserFactory(), UserFactory()
    issued = api_token_create(user=owner, name="script")
    # other user: the same 404 as for a missing token, and nothing changes
    response = client_for(other).post(f"/profile/tokens/{issued.token.pk}/revoke/")
    assert response.status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None
    # owner
    response = client_for(owner).post(f"/profile/tokens/{issued.token.pk}/revoke/")
    assert response.status_code == 302
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None


def test_management_command_creates_a_working_token(client, capsys):
    UserFactory(username="budi")
    call_command("create_api_token", "budi", "--name", "report")
    secret = capsys.readouterr().out.strip()
    assert client.get("/api/me", **bearer(secret)).json()["username"] == "budi"


def test_management_command_names_an_unknown_user():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("create_api_token", "ghost")
