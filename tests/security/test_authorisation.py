"""Who can reach what: the admin, exports and private links."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from delegates.tokens import make_registration_token
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# The admin pages anonymous people must be able to open to sign in.
ADMIN_PUBLIC_NAMES = {"login", "logout"}


def example_path(route):
    """Fill a route's converters with harmless example values."""
    route = re.sub(r"<(?:int:)?[a-z_]*(?:id|pk)>", "1", route)
    route = re.sub(r"<path:[a-z_]+>", "1", route)
    return re.sub(r"<(?:\w+:)?\w+>", "x", route)


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + route, pattern.name


def protected_urls():
    """Every admin and desk page, personal upload and export (by name, or as CSV)."""
    urls = set()
    for route, name in walk(get_resolver().url_patterns):
        is_admin = (
            route.startswith(("admin/", "private-media/")) or "/desk/" in f"/{route}"
        )
        is_export = (
            "export" in (name or "") or "export" in route or route.endswith(".csv")
        )
        if is_admin and name in ADMIN_PUBLIC_NAMES:
            continue
        if (is_admin or is_export) and "^" not in route and "(?P" not in route:
            urls.add("/" + example_path(route))
    return sorted(urls)


def test_protected_urls_cover_the_admin():
    urls = protected_urls()

    assert "/admin/" in urls
    assert "/admin/delegates/registration/" in urls
    assert "/admin/delegates/registration/1/change/" in urls
    assert "/x/participants/participants.csv" in urls
    assert "/x/desk/" in urls
    assert "/private-media/1" in urls


@pytest.mark.parametrize("url", protected_urls())
def test_anonymous_visitor_is_sent_to_the_login_page(client, url):
    registration = RegistrationFactory(passport_number="X1234567")

    response = client.get(url)

    # 405: a POST-only action refuses a GET before anything else.
    assert response.status_code in (302, 404, 405), response.content[:200]
    if response.status_code == 302:
        assert response["Location"].startswith(
            (reverse("admin:login"), reverse("account_login"))
        )
    assert registration.email not in response.content.decode()
    assert "X1234567" not in response.content.decode()


def test_anonymous_visitor_cannot_post_to_the_admin(client):
    registration = RegistrationFactory(family_name="Santoso")

    response = client.post(
        f"/admin/delegates/registration/{registration.pk}/delete/", {"post": "yes"}
    )

    assert response["Location"].startswith(reverse("admin:login"))
    registration.refresh_from_db()
    assert registration.family_name == "Santoso"


def test_signed_in_user_without_staff_status_cannot_open_the_admin(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=False))
    registration = RegistrationFactory()

    response = client.get("/admin/delegates/registration/")

    assert response["Location"].startswith(reverse("admin:login"))
    assert registration.email not in response.content.decode()


def private_link(registration, token=None):
    return reverse(
        "delegates:manage",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": token or make_registration_token(registration),
        },
    )


def test_private_link_shows_only_its_own_registration(client):
    meeting = MeetingFactory()
    # Fixed names: random ones can collide (a given name that is a family name).
    mine = RegistrationFactory(
        meeting=meeting,
        email="mine@example.org",
        given_name="Siriporn",
        family_name="Chaiyasit",
    )
    theirs = RegistrationFactory(
        meeting=meeting,
        email="theirs@example.org",
        given_name="Budi",
        family_name="Santoso",
    )

    html = client.get(private_link(mine)).content.decode()

    assert "mine@example.org" in html
    assert "theirs@example.org" not in html
    assert theirs.family_name not in html


def test_private_link_under_another_meeting_is_not_found(client):
    registration = RegistrationFactory()
    other_meeting = MeetingFactory()
    url = reverse(
        "delegates:manage",
        kwargs={
            "meeting_slug": other_meeting.slug,
            "token": make_registration_token(registration),
        },
    )

    response = client.get(url)

    assert response.status_code == 404
    assert registration.email not in response.content.decode()


@pytest.mark.parametrize(
    "forge",
    [
        lambda token, key: key,
        lambda token, key: f"{key}:",
        lambda token, key: f"{key}:{'A' * 27}",
        lambda token, key: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token, key: token.upper(),
        lambda token, key: "x" * 80,
    ],
    ids=["bare-key", "empty-signature", "wrong-signature", "one-char", "case", "junk"],
)
def test_forged_private_link_is_not_found(client, forge):
    registration = RegistrationFactory()
    token = make_registration_token(registration)

    response = client.get(
        private_link(registration, forge(token, registration.access_key))
    )

    assert response.status_code == 404
    assert registration.email not in response.content.decode()


def test_genuinely_signed_token_for_an_unknown_key_is_not_found(client):
    from django.core import signing

    from delegates.tokens import SALT

    registration = RegistrationFactory()
    token = signing.Signer(salt=SALT).sign("not-an-access-key")

    response = client.get(private_link(registration, token))

    assert response.status_code == 404


def test_access_keys_are_long_and_unique():
    keys = {RegistrationFactory().access_key for _ in range(20)}

    assert len(keys) == 20
    assert all(len(key) >= 43 for key in keys)
