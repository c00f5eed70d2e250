import pytest
from django.core import mail

from delegates.enums import CredentialsStatus, DelegationRole
from delegates.models import Delegation
from tests.factories import MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def fill_member(page, number, *, role, honorific, given, family, email):
    member = page.get_by_role("group", name=f"Member {number}")
    member.get_by_label("Capacity in the delegation").select_option(label=role)
    member.get_by_label("Honorific").select_option(label=honorific)
    member.get_by_label("Given name").fill(given)
    member.get_by_label("Family name").fill(family)
    member.get_by_label("Job title").fill("Director")
    member.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Foreign Affairs"
    )
    member.get_by_label("Email").fill(email)
    member.get_by_label("Gender").select_option(label="Prefer not to say")


def test_focal_point_registers_a_delegation_of_two_and_sees_the_confirmation(
    page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(title="Regional Consultation on South-South Cooperation")

    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Register a delegation").click()
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country", exact=True).select_option(
        label="Lao People's Democratic Republic"
    )
    page.get_by_label("Your name (focal point)").fill("Ms Keo Vongsa")
    page.get_by_label("Your email").fill("keo@mofa.example.org")
    page.get_by_label("Credentials letter").set_input_files(
        {
            "name": "note-verbale.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes(),
        }
    )
    page.get_by_label("I confirm that the people I nominate").check()
    fill_member(
        page,
        1,
        role="Head of delegation",
        honorific="H.E.",
        given="Phonesavanh",
        family="Sisouk",
        email="sisouk@mofa.example.org",
    )
    fill_member(
        page,
        2,
        role="Adviser",
        honorific="Ms",
        given="Manivone",
        family="Keomany",
        email="manivone@mofa.example.org",
    )
    page.get_by_role("button", name="Register the delegation").click()

    page.get_by_role("heading", name="your delegation has been registered").wait_for()
    delegation = Delegation.objects.get()
    assert delegation.name == "Lao People's Democratic Republic"
    assert delegation.credentials_status == CredentialsStatus.RECEIVED
    assert sorted(delegation.members.values_list("family_name", "role")) == [
        ("Keomany", DelegationRole.ADVISER),
        ("Sisouk", DelegationRole.HEAD),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "keo@mofa.example.org",
        "manivone@mofa.example.org",
        "sisouk@mofa.example.org",
    ]
