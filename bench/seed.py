"""Seed the benchmark meetings: a large one and a small one of the same shape.

The large meeting: 10,000 registrations from 60 countries, 300 sessions over 5
days, 400 speakers and 20 side events. The small one (10 registrations, 6
sessions, 4 speakers, 2 side events) shows whether a page's query count grows with
the data. Run by bench/run against its own database; a meeting already there in
full is kept. Seeds what the installed models offer (speakers, side events).
Prints what the load scripts need as JSON.
"""

import datetime
import itertools
import json
import random
import sys

import django

django.setup()

from allauth.account.internal.flows.login import record_authentication  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_countries import countries  # noqa: E402

from agenda.enums import SessionKind  # noqa: E402
from agenda.models import Room, Session  # noqa: E402
from agenda.versions import publish_programme_version  # noqa: E402
from consultation.models import Meeting  # noqa: E402
from consultation.signin.middleware import note_request  # noqa: E402
from delegates.enums import (  # noqa: E402
    Gender,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.models import Delegation, Registration  # noqa: E402
from delegates.roles import ORGANISER  # noqa: E402
from delegates.tokens import make_registration_token  # noqa: E402

LARGE = {
    "slug": "bench-meeting",
    "registrations": 10_000,
    "countries": 60,
    "days": 5,
    "rooms": 10,
    "sessions_per_room_per_day": 6,
    "speakers": 400,
    "side_events": 20,
}
SMALL = {
    "slug": "bench-small",
    "registrations": 10,
    "countries": 5,
    "days": 1,
    "rooms": 1,
    "sessions_per_room_per_day": 6,
    "speakers": 4,
    "side_events": 2,
}
SIDE_EVENT_ROOMS = 4
BENCH_USERNAME = "bench-organiser"
SIGN_UP_TOKENS = 5_000

rng = random.Random(2026)  # noqa: S311 - fixed seed, data only


def model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def bangkok(day, hour, minute=0):
    return datetime.datetime.combine(
        meeting_start + datetime.timedelta(days=day),
        datetime.time(hour, minute),
        tzinfo=datetime.timezone(datetime.timedelta(hours=7)),
    )


meeting_start = timezone.localdate() + datetime.timedelta(days=30)


@transaction.atomic
def seed(shape):
    slug, days, rooms_count = shape["slug"], shape["days"], shape["rooms"]
    side_event_count, speaker_count = shape["side_events"], shape["speakers"]
    country_count, registration_count = shape["countries"], shape["registrations"]
    now = timezone.now()
    meeting = Meeting.objects.create(
        title="Benchmark Consultation on South-South Cooperation",
        short_name="BENCH",
        slug=slug,
        venue="United Nations Conference Centre",
        city="Bangkok",
        country="TH",
        time_zone="Asia/Bangkok",
        start_date=meeting_start,
        end_date=meeting_start + datetime.timedelta(days=days - 1),
        registration_opens=now - datetime.timedelta(days=30),
        registration_closes=now + datetime.timedelta(days=365),
        organisers="ESCAP\nUNOSSC",
        published=True,
    )
    rooms = Room.objects.bulk_create(
        Room(meeting=meeting, name=f"Conference Room {n + 1}", capacity=200)
        for n in range(rooms_count + SIDE_EVENT_ROOMS)
    )
    sessions = []
    for day, room_index, slot in itertools.product(
        range(days), range(rooms_count), range(shape["sessions_per_room_per_day"])
    ):
        start = bangkok(day, 8 + slot * 1 + slot // 2, 30 if slot % 2 else 0)
        sessions.append(
            Session(
                meeting=meeting,
                title=f"Session {len(sessions) + 1}: cooperation in practice",
                slug=f"session-{len(sessions) + 1}",
                kind=SessionKind.PANEL if slot % 3 else SessionKind.PLENARY,
                start=start,
                end=start + datetime.timedelta(minutes=55),
                room=rooms[room_index],
                description="Ministers and experts compare what worked. " * 5,
                published=True,
            )
        )
    side_sessions = [
        Session(
            meeting=meeting,
            title=f"Side event {n + 1}",
            slug=f"side-event-{n + 1}",
            kind=SessionKind.SIDE_EVENT,
            start=bangkok(n % days, 18 + (n // (days * SIDE_EVENT_ROOMS)) * 2),
            end=bangkok(n % days, 19 + (n // (days * SIDE_EVENT_ROOMS)) * 2),
            room=rooms[rooms_count + (n // days) % SIDE_EVENT_ROOMS],
            published=True,
        )
        for n in range(side_event_count)
    ]
    sessions = Session.objects.bulk_create(sessions + side_sessions)

    SideEvent = model("agenda.SideEvent")
    if SideEvent is not None:
        SideEvent.objects.bulk_create(
            SideEvent(session=session, organiser="UNOSSC", capacity=100)
            for session in sessions[-side_event_count:]
        )

    Speaker, SessionRole = model("agenda.Speaker"), model("agenda.SessionRole")
    if Speaker is not None and SessionRole is not None:
        speakers = Speaker.objects.bulk_create(
            Speaker(
                meeting=meeting,
                name=f"Speaker {n + 1}",
                slug=f"speaker-{n + 1}",
                title="Director-General",
                organisation="Ministry of Foreign Affairs",
                bio="Works on development cooperation. " * 5,
            )
            for n in range(speaker_count)
        )
        roles = []
        for index, session in enumerate(sessions[: len(sessions) - side_event_count]):
            for position in range(3):
                speaker = speakers[(index * 3 + position) % speaker_count]
                roles.append(
                    SessionRole(
                        session=session,
                        speaker=speaker,
                        role="moderator" if position == 0 else "speaker",
                        position=position,
                    )
                )
        SessionRole.objects.bulk_create(roles)

    country_codes = [code for code, _name in list(countries)[:country_count]]
    delegations = Delegation.objects.bulk_create(
        Delegation(
            meeting=meeting,
            name=f"Delegation of {code}",
            country=code,
            category=ParticipantCategory.MEMBER_STATE,
            focal_point_name="Focal point",
            focal_point_email=f"focal-{code.lower()}@example.org",
        )
        for code in country_codes
    )
    statuses = [RegistrationStatus.APPROVED] * 7 + [
        RegistrationStatus.SUBMITTED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    ]
    Registration.objects.bulk_create(
        (
            Registration(
                meeting=meeting,
                honorific=rng.choice(list(Honorific)),
                given_name=f"Given{n}",
                family_name=f"Family{n:05d}",
                job_title="Director",
                organisation="Ministry of Foreign Affairs",
                country=country_codes[n % country_count],
                delegation=delegations[n % country_count],
                category=ParticipantCategory.MEMBER_STATE,
                email=f"delegate{n}@bench.example.org",
                gender=rng.choice(list(Gender)),
                status=statuses[n % len(statuses)],
                consent_privacy=True,
                consent_public_list=n % 2 == 0,
            )
            for n in range(registration_count)
        ),
        batch_size=1000,
    )
    return meeting


def ensure(shape):
    meeting = Meeting.objects.filter(slug=shape["slug"]).first()
    if meeting is None or meeting.registrations.count() < shape["registrations"]:
        if meeting is not None:
            meeting.delete()
        print(f"Seeding {shape['slug']}...", file=sys.stderr)
        meeting = seed(shape)
    # The public pages show the latest published version of the programme.
    if not meeting.programme_versions.exists():
        publish_programme_version(meeting=meeting, name="bench")
    return meeting


def describe(meeting):
    counts = {
        "registrations": meeting.registrations.count(),
        "countries": meeting.registrations.values("country").distinct().count(),
        "sessions": meeting.sessions.exclude(kind=SessionKind.SIDE_EVENT).count(),
        "days": len(meeting.days),
    }
    if model("agenda.Speaker") is not None:
        counts["speakers"] = meeting.speakers.count()
    if model("agenda.SideEvent") is not None:
        counts["side events"] = meeting.sessions.filter(
            side_event__isnull=False
        ).count()
    side_event = (
        meeting.sessions.filter(kind=SessionKind.SIDE_EVENT).order_by("pk").first()
    )
    return {
        "meeting": meeting.slug,
        "session": meeting.sessions.order_by("pk").first().slug,
        "side_event": side_event.slug if side_event else "",
        "counts": counts,
    }


def main():
    large, small = ensure(LARGE), ensure(SMALL)
    # Planner statistics, as autovacuum keeps them on a server that has it on.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # An organiser as the roles make one (delegates/roles.py), not a superuser.
    user, _created = get_user_model().objects.update_or_create(
        username=BENCH_USERNAME,
        defaults={"is_staff": True, "is_superuser": False},
    )
    user.groups.add(Group.objects.get(name=ORGANISER))
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    # Signed in as the staff sign-in pages leave it: used now, second factor
    # confirmed (consultation/signin), so the admin pages answer, not redirect.
    request = RequestFactory().get("/")
    request.session, request.user = session, user
    record_authentication(request, user, "mfa", type="totp")
    note_request(request)
    session.create()
    approved = large.registrations.filter(status=RegistrationStatus.APPROVED)
    print(
        json.dumps(
            {
                "large": describe(large),
                "small": describe(small),
                "admin_cookie": session.session_key,
                "sign_up_tokens": [
                    make_registration_token(registration)
                    for registration in approved.order_by("?")[:SIGN_UP_TOKENS]
                ],
            }
        )
    )


main()
