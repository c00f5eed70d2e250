import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agenda.enums import SessionKind
from agenda.models import Room, Session
from consultation.models import Meeting
from delegates.enums import Honorific, ParticipantCategory, RegistrationStatus
from delegates.models import Correction, Registration


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published meeting in Bangkok, three weeks ahead, with registration open."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Regional Consultation {n}")
    short_name = factory.Sequence(lambda n: f"RC{n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    venue = "United Nations Conference Centre"
    city = "Bangkok"
    country = "TH"
    time_zone = "Asia/Bangkok"
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=21)
    )
    end_date = factory.LazyAttribute(
        lambda meeting: meeting.start_date + datetime.timedelta(days=2)
    )
    registration_opens = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=7)
    )
    registration_closes = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    organisers = "ESCAP\nUNOSSC\nGovernment of Thailand"
    published = True


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Conference Room {n}")
    capacity = 100


def meeting_time(meeting, day, hour, minute=0):
    """An aware datetime at a wall-clock time on a day of the meeting, locally."""
    date = meeting.start_date + datetime.timedelta(days=day)
    return datetime.datetime.combine(
        date, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(meeting.time_zone)
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = SessionKind.PLENARY
    start = factory.LazyAttribute(lambda session: meeting_time(session.meeting, 0, 9))
    end = factory.LazyAttribute(
        lambda session: session.start + datetime.timedelta(hours=1)
    )
    room = factory.LazyAttribute(lambda session: RoomFactory(meeting=session.meeting))
    published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    honorific = Honorific.MS
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    job_title = "Director"
    organisation = "Ministry of Foreign Affairs"
    country = "TH"
    category = ParticipantCategory.MEMBER_STATE
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    status = RegistrationStatus.SUBMITTED


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A delegate's correction of their job title, before any approval."""

    class Meta:
        model = Correction

    registration = factory.SubFactory(RegistrationFactory)
    changes = factory.LazyFunction(
        lambda: {
            "job_title": {"label": "job title", "old": "Director", "new": "Adviser"}
        }
    )
    previous_status = RegistrationStatus.SUBMITTED
