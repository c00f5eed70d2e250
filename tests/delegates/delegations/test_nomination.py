"""A focal point nominates a delegation on one public form."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultation.models import Meeting
from delegates.enums import CredentialsStatus, DelegationRole, RegistrationStatus
from delegates.models import Delegation, Registration
from tests.delegates.nomination import member, nominate_url
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    pdf_upload,
)
from tests.kept_pages import csrf_token, later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings):
    """Where personal uploads are stored (a temporary folder, tests/conftest.py)."""
    return settings.PRIVATE_MEDIA_ROOT


def blank_row(index):
    """An unused row as the browser sends it: only the default choices (gender
    has none)."""
    return {
        f"members-{index}-role": "delegate",
        f"members-{index}-gender": "",
    }


def nomination(*members, letter=None, **fields):
    data = {
        "category": "member_state",
        "country": "TH",
        "name": "",
        "focal_point_name": "Ms Pimchanok Srisuk",
        "focal_point_email": "pimchanok@mfa.example.org",
        "members_informed": "on",
        "credentials_letter": letter or pdf_upload(),
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
        **fields,
    }
    for row in members:
        data.update(row)
    return data


HEAD_AND_DELEGATE = (
    member(0, role="head", honorific="he", given_name="Somchai", family_name="Wong"),
    member(1, role="delegate", given_name="Napat", family_name="Chai", gender="female"),
)


def test_nominate_creates_delegation_members_and_emails_everyone(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nominate_url(meeting),
            nomination(*HEAD_AND_DELEGATE, blank_row(2), blank_row(3)),
            follow=True,
        )

    delegation = Delegation.objects.get()
    assert delegation.name == "Thailand"
    assert delegation.credentials_status == CredentialsStatus.RECEIVED
    assert delegation.credentials_letter.read(5) == b"%PDF-"
    assert not delegation.credentials_letter.name.endswith("note-verbale.pdf")
    members = {m.family_name: m for m in delegation.members.all()}
    assert members["Wong"].role == DelegationRole.HEAD
    assert members["Chai"].role == DelegationRole.DELEGATE
    assert {m.country.code for m in members.values()} == {"TH"}
    assert {m.status for m in members.values()} == {RegistrationStatus.SUBMITTED}
    assert all(m.consent_privacy for m in members.values())
    assert "your delegation has been registered" in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "member0@mfa.example.org",
        "member1@mfa.example.org",
        "pimchanok@mfa.example.org",
    ]


def test_focal_point_email_link_opens_the_delegation_page(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))
    focal_email = next(m for m in mail.outbox if m.to == ["pimchanok@mfa.example.org"])
    link = next(
        line for line in focal_email.body.splitlines() if "/delegation/" in line
    )

    response = client.get(link.removeprefix("http://127.0.0.1:8000"))

    html = response.content.decode()
    assert "Delegation of Thailand" in html
    assert html.index("Wong") < html.index("Chai")
    assert "member1@mfa.example.org" in html
    assert "Received, to be checked" in html


def test_nominate_each_member_gets_their_own_private_link(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))

    member_email = next(m for m in mail.outbox if m.to == ["member1@mfa.example.org"])
    registration = Registration.objects.get(email="member1@mfa.example.org")
    assert registration.get_private_url() in member_email.body


def test_nominate_organisation_keeps_its_name_and_no_country(client):
    meeting = MeetingFactory()

    client.post(
        nominate_url(meeting),
        nomination(
            *HEAD_AND_DELEGATE,
            category="igo",
            country="TH",
            name="Islamic Development Bank",
        ),
    )

    delegation = Delegation.objects.get()
    assert delegation.name == "Islamic Development Bank"
    assert delegation.country == ""
    assert {m.category for m in delegation.members.all()} == {"igo"}


def test_nominate_letter_that_is_not_a_pdf_is_refused(client):
    meeting = MeetingFactory()
    renamed = SimpleUploadedFile(
        "letter.pdf", b"GIF89a not a pdf at all", content_type="application/pdf"
    )

    response = client.post(
        nominate_url(meeting), nomination(*HEAD_AND_DELEGATE, letter=renamed)
    )

    assert response.context["form"].errors["credentials_letter"] == [
        "The letter must be a PDF file."
    ]
    assert Delegation.objects.count() == 0
    assert Registration.objects.count() == 0


def test_nominate_refused_by_the_service_leaves_no_letter_behind(
    client, private_root, monkeypatch
):
    meeting = MeetingFactory()
    # Another focal point registers the same country between validation and saving.
    monkeypatch.setattr(
        "delegates.delegations.forms.DelegationForm.clean",
        lambda form: {**form.cleaned_data, "name": "Thailand"},
    )
    DelegationFactory(meeting=meeting, country="TH", name="Kingdom of Thailand")

    response = client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))

    assert "already registered for this meeting" in response.content.decode()
    assert Delegation.objects.count() == 1
    assert Registration.objects.count() == 0
    assert (private_root / "credentials").is_dir()
    assert not list((private_root / "credentials").glob("*"))


def test_nominate_letter_that_only_starts_like_a_pdf_is_refused(client):
    meeting = MeetingFactory()
    broken = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\ngarbage" * 10)

    response = client.post(
        nominate_url(meeting), nomination(*HEAD_AND_DELEGATE, letter=broken)
    )

    assert "could not be read" in response.content.decode()
    assert Delegation.objects.count() == 0


def test_nominate_letter_over_the_size_limit_is_refused(client, settings):
    meeting = MeetingFactory()
    huge = SimpleUploadedFile("letter.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))

    response = client.post(
        nominate_url(meeting), nomination(*HEAD_AND_DELEGATE, letter=huge)
    )

    assert "too large" in response.context["form"].errors["credentials_letter"][0]
    assert Delegation.objects.count() == 0


def test_nominate_two_heads_is_refused(client):
    meeting = MeetingFactory()

    response = client.post(
        nominate_url(meeting),
        nomination(member(0, role="head"), member(1, role="head")),
    )

    assert "exactly one head of delegation" in response.content.decode()
    assert Delegation.objects.count() == 0
    assert Registration.objects.count() == 0


def test_nominate_without_a_head_is_refused(client):
    meeting = MeetingFactory()

    response = client.post(
        nominate_url(meeting), nomination(member(0), member(1, role="adviser"))
    )

    assert "Please name one member as head of delegation." in (
        response.content.decode()
    )
    assert Delegation.objects.count() == 0


def test_nominate_without_any_member_is_refused(client):
    meeting = MeetingFactory()

    response = client.post(nominate_url(meeting), nomination())

    assert "Please name at least one member." in response.content.decode()
    assert Delegation.objects.count() == 0


def test_nominate_two_members_with_one_email_is_refused(client):
    meeting = MeetingFactory()

    response = client.post(
        nominate_url(meeting),
        nomination(
            member(0, role="head", email="same@mfa.example.org"),
            member(1, email="SAME@mfa.example.org"),
        ),
    )

    assert response.context["formset"].forms[1].errors["email"] == [
        "Two members cannot share one email address."
    ]
    assert Registration.objects.count() == 0


def test_nominate_member_already_registered_is_refused_beside_their_row(client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="member1@mfa.example.org")

    response = client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))

    errors = response.context["formset"].forms[1].errors["email"]
    assert "already registered for this meeting" in errors[0]
    assert Delegation.objects.count() == 0
    assert Registration.objects.count() == 1


def test_nominate_second_delegation_of_a_country_is_refused(client):
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting, country="TH", name="Thailand")

    response = client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))

    assert "already registered" in response.context["form"].errors["country"][0]
    assert Delegation.objects.count() == 1
    assert Registration.objects.count() == 0


def test_nominate_member_state_without_country_is_refused(client):
    meeting = MeetingFactory()

    response = client.post(
        nominate_url(meeting), nomination(*HEAD_AND_DELEGATE, country="")
    )

    assert response.context["form"].errors["country"] == [
        "Please choose the country your delegation represents."
    ]
    assert Delegation.objects.count() == 0


def test_nominate_member_name_with_markup_is_shown_escaped(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            nominate_url(meeting),
            nomination(member(0, role="head", family_name="<script>alert(1)</script>")),
        )
    delegation = Delegation.objects.get()

    response = client.get(delegation.get_manage_url())

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nominate_after_registration_closed_is_refused(client):
    meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=10),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )

    response = client.post(nominate_url(meeting), nomination(*HEAD_AND_DELEGATE))

    assert response.status_code == 403
    assert "Registration for this meeting has closed." in response.content.decode()
    assert Delegation.objects.count() == 0
    assert Registration.objects.count() == 0


def test_nominate_page_shows_the_form_with_blank_member_rows(client):
    meeting = MeetingFactory()

    response = client.get(nominate_url(meeting))

    html = response.content.decode()
    assert "Register a delegation" in html
    assert 'name="members-3-email"' in html
    assert 'accept="application/pdf"' in html


def test_empty_form_is_kept_with_each_visitor_s_own_csrf_token():
    meeting = MeetingFactory()
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    first_page = first_visitor.get(nominate_url(meeting))
    second_page = second_visitor.get(nominate_url(meeting))

    response = second_visitor.post(
        nominate_url(meeting),
        {
            **nomination(*HEAD_AND_DELEGATE),
            "csrfmiddlewaretoken": csrf_token(second_page),
        },
    )

    assert served_early(second_page)
    assert csrf_token(first_page) != csrf_token(second_page)
    assert response.status_code == 302
    assert Delegation.objects.get().name == "Thailand"


def test_empty_form_closes_once_registration_closes(client):
    meeting = MeetingFactory()
    client.get(nominate_url(meeting))
    client.get(nominate_url(meeting))

    Meeting.objects.filter(pk=meeting.pk).update(
        registration_closes=timezone.now() - datetime.timedelta(minutes=1)
    )
    with later_than_the_recheck():
        closed = client.get(nominate_url(meeting))

    assert "csrfmiddlewaretoken" not in closed.content.decode()
    assert "Registration for this meeting has closed." in closed.content.decode()


def test_nomination_form_chooses_no_gender_for_a_member(client):
    meeting = MeetingFactory()

    page = client.get(nominate_url(meeting)).content.decode()

    assert '<option value="" selected>Choose…</option>' in page


def test_nomination_sent_back_names_the_member_of_each_problem(client):
    meeting = MeetingFactory()
    head = member(0, role="head", family_name="")

    html = client.post(
        nominate_url(meeting),
        nomination(head, blank_row(1), blank_row(2), blank_row(3)),
    ).content.decode()

    assert "Member 1, Family name: This field is required." in html
