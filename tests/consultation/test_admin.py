import re

import pytest
from django.conf import settings
from django.urls import LocalePrefixPattern, URLResolver, reverse

from consultation import urls as site_urls
from consultation.models import RESERVED_SLUGS, Meeting

pytestmark = pytest.mark.django_db


def meeting_admin_data(**overrides):
    """The POST data of the meeting admin's add form."""
    data = {
        "main_language": "en",
        "title_en": "Regional Consultation on South-South Cooperation",
        "short_name": "RCSSC",
        "slug": "rcssc-2026",
        "organisers_en": "ESCAP",
        "venue_en": "United Nations Conference Centre",
        "city": "Bangkok",
        "country": "TH",
        "start_date": "2026-12-07",
        "end_date": "2026-12-09",
        "time_zone": "Asia/Bangkok",
        "registration_opens_0": "2026-10-01",
        "registration_opens_1": "09:00",
        "registration_closes_0": "2026-11-30",
        "registration_closes_1": "17:00",
        "attendance_offer": "in_person",
        "bilateral_max_minutes": "60",
    }
    data.update(overrides)
    return data


def test_meeting_admin_adds_a_meeting_with_an_ordinary_slug(organiser_client):
    response = organiser_client.post(
        reverse("admin:consultation_meeting_add"), meeting_admin_data()
    )

    assert response.status_code == 302
    assert list(Meeting.objects.values_list("slug", flat=True)) == ["rcssc-2026"]


@pytest.mark.parametrize("slug", ["private-media", "admin", "static", "media"])
def test_meeting_admin_refuses_a_slug_the_site_uses_for_its_own_addresses(
    organiser_client, slug
):
    response = organiser_client.post(
        reverse("admin:consultation_meeting_add"), meeting_admin_data(slug=slug)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        f"“{slug}” is reserved for the site itself; choose another slug."
    ]
    assert not Meeting.objects.exists()


def test_every_fixed_top_level_path_of_the_site_is_a_reserved_meeting_slug():
    # The language-prefixed patterns (English: no prefix) count as top level.
    top_level = [
        inner
        for pattern in site_urls.urlpatterns
        for inner in (
            pattern.url_patterns
            if isinstance(pattern, URLResolver)
            and isinstance(pattern.pattern, LocalePrefixPattern)
            else [pattern]
        )
    ]
    first_segments = {str(pattern.pattern).split("/")[0] for pattern in top_level}
    # Static files and public uploads are served outside the URLconf (whitenoise,
    # the web server) or only when SERVE_MEDIA is on.
    first_segments |= {
        settings.STATIC_URL.strip("/").split("/")[0],
        settings.MEDIA_URL.strip("/").split("/")[0],
    }
    slug_like = {
        segment for segment in first_segments if re.fullmatch(r"[-\w]+", segment)
    }

    assert {"admin", "private-media", "static", "media"} <= slug_like
    assert slug_like <= RESERVED_SLUGS


def test_admin_index_lists_the_meetings_work_before_accounts_and_lockouts(
    organiser_client,
):
    page = organiser_client.get(reverse("admin:index")).content.decode()

    captions = re.findall(
        r'<caption>\s*<a href="[^"]*" class="section"[^>]*>([^<]+)</a>', page
    )
    assert captions[:3] == ["Meetings", "Agenda", "Delegates and registrations"]
    assert {"Authentication and Authorization", "Axes"} <= set(captions[3:])


def test_admin_site_names_the_organisers_workplace(organiser_client):
    page = organiser_client.get(reverse("admin:index")).content.decode()

    assert (
        "<title>Meetings, programme and registrations | Consultation admin</title>"
        in page
    )
    assert "Consultation: organisers" in page


def test_meeting_admin_saves_the_texts_of_each_language(organiser_client):
    response = organiser_client.post(
        reverse("admin:consultation_meeting_add"),
        meeting_admin_data(
            main_language="fr",
            title_en="",
            title_fr="Consultation régionale sur la coopération Sud-Sud",
            title_zh_hans="南南合作区域磋商会",
            description_ru="Региональная консультация.",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert meeting.main_language == "fr"
    assert (meeting.title_fr, meeting.title_zh_hans, meeting.title_en) == (
        "Consultation régionale sur la coopération Sud-Sud",
        "南南合作区域磋商会",
        None,
    )
    assert meeting.description_ru == "Региональная консультация."


def test_meeting_admin_needs_the_title_in_the_main_language(organiser_client):
    response = organiser_client.post(
        reverse("admin:consultation_meeting_add"),
        meeting_admin_data(main_language="ru", title_ru=""),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_ru"] == [
        "Write this in the meeting's main language."
    ]
    assert not Meeting.objects.exists()


def test_meeting_admin_groups_each_text_by_language(organiser_client):
    page = organiser_client.get(reverse("admin:consultation_meeting_add"))

    html = page.content.decode()
    for column in ("title_ar", "title_zh_hans", "title_en", "title_fr", "title_ru"):
        assert f'name="{column}"' in html
    assert 'name="title"' not in html
