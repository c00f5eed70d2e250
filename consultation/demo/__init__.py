"""Demo data: the model meeting, a consultation on South-South cooperation in Bangkok.

For a local demo and the browser tests, never for a production site: the
``load_demo`` command loads it through ``load_demo_meeting``, the package's one
entry point. Its parts, each loading what its name says:

- ``meeting``: the meeting, its rooms, the organiser and the staff role logins;
- ``programme``: sessions, tracks, speakers, agenda items, documents, versions;
- ``registrations``: delegates, visa letter details, a correction, delegations;
- ``side_events``: the invitation-only DG Forum and an open report launch;
- ``questions``: the meeting's own registration questions, one conditional;
- ``bilaterals``: bilateral meeting rooms, two bookings and a request;
- ``speakers_list``: the list of speakers on Item 3, with three inscriptions;
- ``common``: what they share (idempotent writes, Bangkok time, stand-in PDFs).

Idempotent: every row is found by a natural key (slug, name, email, username) and
updated in place, so a second run writes no new rows.
"""

from dataclasses import dataclass

from django.db import transaction

from agenda.models import InvitationCode, SideEvent
from consultation.models import Meeting
from delegates.models import Registration

from .bilaterals import load_bilaterals
from .meeting import (
    DEMO_ADMIN_LOGIN,
    DEMO_PASSWORD,
    DEMO_ROLE_LOGINS,
    DEMO_USERNAME,
    load_meeting,
    load_organiser,
    load_role_logins,
    load_rooms,
)
from .programme import load_programme, load_programme_versions, load_sessions
from .questions import load_forms, load_questions
from .registrations import load_delegations, load_registrations
from .side_events import delegate_to_try_a_code, load_dg_forum, load_report_launch
from .speakers_list import load_list_of_speakers
from .translations import load_translations


@dataclass(frozen=True)
class DemoMeeting:
    """The loaded demo, with what a person needs to try it."""

    meeting: Meeting
    dg_forum: SideEvent
    spare_codes: list[InvitationCode]
    # An approved delegate with no DG Forum sign-up, to try a spare code; or None.
    code_tester: Registration | None
    organiser_login: tuple[str, str]
    admin_login: tuple[str, str]
    role_logins: list[tuple[str, str, str]]


def load_demo_meeting() -> DemoMeeting:
    """Load or refresh the whole demo meeting in one transaction.

    Writes the meeting, rooms, sessions, delegations, registrations, programme,
    side events and their sign-ups, the registration questions, the staff logins
    and two published programme versions; a second run writes nothing new.
    """
    with transaction.atomic():
        meeting = load_meeting()
        load_sessions(meeting, rooms=load_rooms(meeting))
        memberships = load_delegations(meeting)
        load_registrations(meeting, memberships=memberships)
        load_programme(meeting)
        dg_forum, spare_codes = load_dg_forum(meeting)
        load_report_launch(meeting)
        load_questions(meeting)
        load_list_of_speakers(meeting)
        load_forms(meeting)
        organiser = load_organiser()
        load_role_logins()
        load_bilaterals(meeting, by=organiser)
        load_translations(meeting)
        load_programme_versions(meeting, by=organiser)
    return DemoMeeting(
        meeting=meeting,
        dg_forum=dg_forum,
        spare_codes=spare_codes,
        code_tester=delegate_to_try_a_code(meeting, dg_forum),
        organiser_login=(DEMO_USERNAME, DEMO_PASSWORD),
        admin_login=DEMO_ADMIN_LOGIN,
        role_logins=DEMO_ROLE_LOGINS,
    )
