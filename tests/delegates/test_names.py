"""Names as their owners write them (delegates/names.py and where names show)."""

import pytest
from django.core import mail
from django.urls import reverse

from delegates.emails import queue_registration_email
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.names import full_name, written_in_cjk
from delegates.participants.selectors import public_participants
from delegates.printing.badges import render_badges
from tests.delegates.pdf_helpers import pdf_text
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "family", "family_first", "written"),
    [
        ("伟", "李", False, "李伟"),
        ("ひろし", "田中", False, "田中ひろし"),
        ("민준", "김", False, "김민준"),
        ("Wei", "Li", True, "Li Wei"),
        ("Viktor", "Orbán", True, "Orbán Viktor"),
        ("Wei", "Li", False, "Wei Li"),
        ("Thị Hương", "Nguyễn", False, "Thị Hương Nguyễn"),
    ],
)
def test_full_name_in_its_owners_order(given, family, family_first, written):
    assert (
        full_name(given_name=given, family_name=family, family_name_first=family_first)
        == written
    )


def test_cjk_script_is_told_from_latin_and_mixed_names():
    assert written_in_cjk("伟", "李")
    assert not written_in_cjk("Wei", "李")
    assert not written_in_cjk("", "")


def test_chinese_registration_is_greeted_and_listed_family_name_first(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(
        given_name="伟",
        family_name="李",
        honorific="mr",
        status=RegistrationStatus.APPROVED,
        consent_public_list=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(registration, "approved")
    [group] = public_participants(registration.meeting)
    [entity] = group.entities

    assert registration.display_name == "Mr 李伟"
    assert "Dear Mr 李伟," in mail.outbox[0].body
    assert [person.name for person in entity.participants] == ["Mr 李伟"]


def test_badge_of_a_family_name_first_person_prints_the_family_name_first():
    registration = RegistrationFactory(
        given_name="Wei",
        family_name="LI",
        family_name_first=True,
        status=RegistrationStatus.APPROVED,
    )

    text = pdf_text(render_badges([registration], layout="a6"))

    assert "LI Wei" in text
    assert "Wei LI" not in text


def test_form_ticks_family_name_first_for_names_in_cjk_script(
    client, meeting, form_data
):
    client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
        {**form_data, "given_name": "伟", "family_name": "李"},
    )

    registration = Registration.objects.get(email=form_data["email"])
    assert registration.family_name_first is True
    assert registration.full_name == "李伟"


def test_form_keeps_the_order_a_latin_name_chose(client, meeting, form_data):
    client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
        {
            **form_data,
            "given_name": "Viktor",
            "family_name": "Orbán",
            "family_name_first": "on",
        },
    )

    registration = Registration.objects.get(email=form_data["email"])
    assert registration.full_name == "Orbán Viktor"
