"""The staff pages the quality checks walk through, each as the role that uses it.

The registration desk (as the Registration desk role), the organisers'
registration list and statistics page (as the Organiser role).
tests/e2e/test_public_page_coverage.py counts STAFF_CHECKED_URL_NAMES as checked.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from agenda.enums import SideEventAccess, SpeakingLevel
from agenda.models import ListOfSpeakers
from agenda.speakers_list.services import call_next_speaker, inscribe_speaker
from consultation.models import Meeting
from delegates.enums import DelegationRole, RegistrationStatus
from delegates.roles import ORGANISER, REGISTRATION_DESK
from tests.factories import (
    AgendaItemFactory,
    CheckInFactory,
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    UserFactory,
)
from tests.images import image_bytes
from tests.staff_sign_in import PASSWORD, enrol_authenticator_app, totp_code

STAFF_CHECKED_URL_NAMES = {
    "desk:desk",
    "desk:check_in",
    "speakers_list:chair",
    "account_login",
    "account_logout",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_authenticate",
    "mfa_view_recovery_codes",
    "mfa_reauthenticate",
}
# django-allauth's other pages (consultation/signin): reached only off the staff
# path we offer, or not pages at all; allauth's own tests cover them.
SIGN_IN_PAGES_NOT_WALKED = {
    "account_signup": "closed: nobody signs up (consultation/signin/adapters.py)",
    "socialaccount_signup": "skipped: SSO accounts are made without a form",
    "openid_connect_login": "a POST that redirects to the identity provider",
    "openid_connect_callback": "the identity provider's redirect back",
    "socialaccount_login_cancelled": "shown when the provider's sign-in is cancelled",
    "socialaccount_login_error": "shown when the provider's answer is wrong",
    "socialaccount_connections": "linking providers, not offered in our pages",
    "account_change_password": "allauth's password change, not linked",
    "account_set_password": "allauth's password setting, not linked",
    "account_email": "email management, not linked (accounts need no email)",
    "account_confirm_email": "email confirmation, off (no email verification)",
    "account_email_verification_sent": "email confirmation, off",
    "account_inactive": "shown to deactivated accounts",
    "account_confirm_login_code": "login by code, off",
    "account_confirm_reauthentication_code": "reauthentication by code, off",
    "account_request_reauthentication_code": "reauthentication by code, off",
    "account_reauthenticate": "the password variant of mfa_reauthenticate",
    "account_reset_password": "password reset by email",
    "account_reset_password_done": "password reset by email",
    "account_reset_password_from_key": "password reset by email",
    "account_reset_password_from_key_done": "password reset by email",
    "mfa_deactivate_totp": "a confirmation form on the enrolment pages",
    "mfa_add_webauthn": "needs a security key: tests/consultation/signin/",
    "mfa_edit_webauthn": "needs a security key",
    "mfa_list_webauthn": "needs a security key",
    "mfa_remove_webauthn": "needs a security key",
    "mfa_login_webauthn": "the passkey sign-in's POST",
    "mfa_reauthenticate_webauthn": "needs a security key",
    "mfa_download_recovery_codes": "a text download",
    "mfa_generate_recovery_codes": "a confirmation form on the recovery codes page",
}

LAST_STAFF_PAGE = "participation statistics"


@dataclass
class StaffSite:
    meeting: Meeting
    desk: object
    organiser: object
    stranger: object
    list_of_speakers: ListOfSpeakers


def build_staff_site():
    """A meeting with registrations (one with a photo), a delegation, a check-in."""
    meeting = MeetingFactory(
        title=(
            "Regional Consultation on South-South Cooperation in Asia and the Pacific"
        ),
        short_name="RCSSC",
        running_today=True,
    )
    delegation = DelegationFactory(meeting=meeting, name="Thailand", country="TH")
    head = RegistrationFactory(
        meeting=meeting,
        delegation=delegation,
        role=DelegationRole.HEAD,
        given_name="Siriporn",
        family_name="Chaiyasit",
        country="TH",
        status=RegistrationStatus.APPROVED,
    )
    head.photo.save("face.jpg", ContentFile(image_bytes()))
    RegistrationFactory(
        meeting=meeting,
        given_name="Budi",
        family_name="Santoso",
        country="ID",
        status=RegistrationStatus.APPROVED,
    )
    RegistrationFactory(meeting=meeting, given_name="Thị Hương", family_name="Nguyễn")
    SideEventFactory(
        meeting=meeting,
        access=SideEventAccess.OPEN,
        session__title="Forum of Directors-General",
    )
    desk = UserFactory(username="desk", is_staff=True)
    desk.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    CheckInFactory(registration=head, by=desk)
    organiser = UserFactory(username="secretariat", is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    stranger = UserFactory(username="no-role", is_staff=True)
    list_of_speakers = _list_of_speakers(meeting, thailand=delegation, head=head)
    return StaffSite(meeting, desk, organiser, stranger, list_of_speakers)


def _list_of_speakers(meeting, *, thailand, head):
    """A list of speakers on Item 3 with Thailand at the microphone, two waiting."""
    list_of_speakers = ListOfSpeakers.objects.create(
        agenda_item=AgendaItemFactory(
            meeting=meeting, number=3, title="South-South cooperation and the SDGs"
        ),
        is_open=True,
    )
    inscribe_speaker(
        list_of_speakers=list_of_speakers,
        delegation=thailand,
        speaker=head,
        level=SpeakingLevel.MINISTER,
    )
    for name, country in [("Indonesia", "ID"), ("Fiji", "FJ")]:
        delegation = DelegationFactory(meeting=meeting, name=name, country=country)
        inscribe_speaker(
            list_of_speakers=list_of_speakers,
            delegation=delegation,
            speaker=RegistrationFactory(
                meeting=meeting,
                delegation=delegation,
                role=DelegationRole.HEAD,
                country=country,
                status=RegistrationStatus.APPROVED,
            ),
            level=SpeakingLevel.HEAD_OF_DELEGATION,
        )
    call_next_speaker(list_of_speakers)
    return list_of_speakers


def check_in_first_result(page):
    """Check in the first person found as without JavaScript; return the answer.

    HTMLFormElement.submit() sends the form without the submit event desk.js takes.
    """
    with page.expect_response(
        lambda response: response.request.resource_type == "document"
    ) as answer:
        page.locator(".desk-search-results form").first.evaluate("f => f.submit()")
    page.wait_for_load_state()
    return answer.value.text()


def visit_sign_in_pages(page):
    """Sign in as a newcomer (sent to enrol), then as staff with an authenticator."""
    page.context.clear_cookies()
    yield "staff sign-in", page.goto(reverse("account_login")).text()
    newcomer = UserFactory(username="newcomer", is_staff=True)
    page.get_by_label("Username").fill(newcomer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(f"**{reverse('mfa_index')}*")
    yield "enrol a second factor", page.content()
    yield "enrol an authenticator app", page.goto(reverse("mfa_activate_totp")).text()

    page.context.clear_cookies()
    staff = UserFactory(username="amara", is_staff=True)
    secret = enrol_authenticator_app(staff)
    page.goto(reverse("account_login"))
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    yield "second factor at sign-in", page.content()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/")
    yield "recovery codes", page.goto(reverse("mfa_view_recovery_codes")).text()
    yield (
        "confirm the second factor again",
        page.goto(reverse("mfa_reauthenticate")).text(),
    )
    yield "sign out", page.goto(reverse("account_logout")).text()


def visit_staff_pages(page, site, base_url):
    """Open every staff page as its role; yield (name, HTML served) while it shows."""
    meeting = site.meeting
    desk_url = reverse("desk:desk", args=[meeting.slug])

    def signed_in_as(user):
        client = Client()
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": base_url,
                }
            ]
        )

    yield from visit_sign_in_pages(page)

    signed_in_as(site.desk)
    yield "desk", page.goto(desk_url).text()
    yield "desk search without results", page.goto(f"{desk_url}?q=nobody").text()
    page.goto(f"{desk_url}?q=santoso")
    yield "desk check-in answer without JavaScript", check_in_first_result(page)
    yield "desk search results", page.goto(f"{desk_url}?q=chaiyasit").text()
    yield "desk warning: already checked in", check_in_first_result(page)

    signed_in_as(site.stranger)
    yield "desk refused to staff without the role", page.goto(desk_url).text()

    signed_in_as(site.organiser)
    yield (
        "chair's view of a list of speakers",
        page.goto(
            reverse(
                "speakers_list:chair", args=[meeting.slug, site.list_of_speakers.pk]
            )
        ).text(),
    )
    yield (
        "registration list",
        page.goto(reverse("admin:delegates_registration_changelist")).text(),
    )
    yield (
        LAST_STAFF_PAGE,
        page.goto(
            reverse("admin:delegates_participationstatistics_changelist")
            + f"?meeting={meeting.pk}"
        ).text(),
    )
