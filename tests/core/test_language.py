from __future__ import annotations

import pytest

from karib.core.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_are_indonesian_by_default_whatever_the_browser_asks(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"
    assert "Masuk ke Karib" in response.content.decode()


def test_switching_language_is_remembered_on_the_profile_across_sessions(client_for):
    # given
    user = UserFactory()
    # when the user switches to English in one browser
    response = client_for(user).post("/language/", {"language": "en", "next": "/today/"})
    # then the answer redirects back and sets the cookie
    assert response.status_code == 302
    assert response.headers["Location"] == "/today/"
    assert response.cookies["karib_language"].value == "en"
    assert Profile.objects.get(user=user).language == "en"
    # and a new session without the cookie still gets English
    page = client_for(user).get("/")
    assert "Welcome" in page.content.decode()


def test_anonymous_language_switch_uses_the_cookie(client):
    response = client.post("/language/", {"language": "en", "next": "/login/"})
    assert response.cookies["karib_language"].value == "en"
    assert "Log in to Karib" in client.get("/login/").content.decode()


def test_unknown_language_changes_nothing(client_for):
    user = UserFactory()
    response = client_for(user).post("/language/", {"language": "fr"})
    assert response.status_code == 302
    assert "karib_language" not in response.cookies
    assert Profile.objects.get(user=user).language == ""


def test_language_switch_never_redirects_off_site(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_pages_need_login(client):
    for url in ("/", "/today/", "/profile/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login/")
