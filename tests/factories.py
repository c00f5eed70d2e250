import datetime
import io
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from agenda.enums import (
    DocumentKind,
    Language,
    Role,
    SessionKind,
    SideEventAccess,
    SignUpStatus,
)
from agenda.models import (
    AgendaItem,
    Document,
    DocumentFile,
    InvitationCode,
    ListOfSpeakers,
    ProgrammeVersion,
    Room,
    Session,
    SessionRole,
    SideEvent,
    SideEventSignUp,
    Speaker,
    Track,
)
from consultation.models import Meeting
from delegates.enums import (
    CredentialsStatus,
    DeliveryStatus,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.models import (
    Announcement,
    AnnouncementRecipient,
    CheckIn,
    Correction,
    Delegation,
    Registration,
)
from delegates.questions.enums import QuestionKind
from delegates.questions.models import Choice, MeetingForm, Question


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

    class Params:
        # Its first day is today where it takes place: the desk checks people in.
        running_today = factory.Trait(
            start_date=factory.LazyAttribute(
                lambda meeting: timezone.localdate(
                    timezone=zoneinfo.ZoneInfo(meeting.time_zone)
                )
            )
        )


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


def publish_programme(meeting, *, name=None):
    """Publish the meeting's working programme as its next version, as organisers do.

    The public pages and feeds show only published versions: arrange the
    sessions, then publish, then read the pages.
    """
    from agenda.versions import publish_programme_version

    name = name or f"v{meeting.programme_versions.count() + 1}"
    return publish_programme_version(meeting=meeting, name=name)


class ProgrammeVersionFactory(factory.django.DjangoModelFactory):
    """A bare version; ``publish_programme_version`` gives one a real snapshot."""

    class Meta:
        model = ProgrammeVersion

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda version: f"v{version.number}")
    snapshot = factory.LazyFunction(lambda: {"sessions": []})


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    sub_letter = ""
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class ListOfSpeakersFactory(factory.django.DjangoModelFactory):
    """An open list of speakers on a new agenda item: one speaker per delegation."""

    class Meta:
        model = ListOfSpeakers

    agenda_item = factory.SubFactory(AgendaItemFactory)
    is_open = True


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    meeting = factory.SubFactory(MeetingFactory)
    # Fixed-width, distinct names: no name is ever a substring of another.
    name = factory.Sequence(lambda n: f"Speaker {n:05d}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    title = "Director-General"
    organisation = "Ministry of Foreign Affairs"


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    speaker = factory.LazyAttribute(
        lambda role: SpeakerFactory(meeting=role.session.meeting)
    )
    role = Role.SPEAKER
    position = factory.Sequence(lambda n: n)


class DocumentFileFactory(factory.django.DjangoModelFactory):
    """A language version of a document given as a link (no file on disk)."""

    class Meta:
        model = DocumentFile

    language = Language.ENGLISH
    url = factory.Sequence(lambda n: f"https://www.example.org/documents/{n}.pdf")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published document with its English version given as a link."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    kind = DocumentKind.INFORMATION_NOTE
    title = factory.Sequence(lambda n: f"Information note {n}")
    published = True
    english = factory.RelatedFactory(DocumentFileFactory, "document")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    honorific = Honorific.MS
    # Fixed-width, distinct names: no name is ever a substring of another, so a
    # page assertion about one person cannot match someone else by chance.
    given_name = factory.Sequence(lambda n: f"Ana{n:05d}")
    family_name = factory.Sequence(lambda n: f"Lee{n:05d}")
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


def pdf_bytes(pages=1):
    """A small, genuine PDF with blank A4 pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="note-verbale.pdf", pages=1):
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


class DelegationFactory(factory.django.DjangoModelFactory):
    """A Member State's delegation with its focal point; no members, no quota."""

    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Delegation {n}")
    country = factory.Iterator(["TH", "ID", "VN", "PH", "BD", "MN", "FJ", "LA"])
    category = ParticipantCategory.MEMBER_STATE
    focal_point_name = "Ms Focal Point"
    focal_point_email = factory.Sequence(lambda n: f"focal{n}@mfa.example.org")
    credentials_status = CredentialsStatus.PENDING


class SideEventFactory(factory.django.DjangoModelFactory):
    """An open side event on the meeting's second afternoon, with 25 seats."""

    class Meta:
        model = SideEvent

    class Params:
        meeting = factory.SubFactory(MeetingFactory)

    session = factory.SubFactory(
        SessionFactory,
        meeting=factory.SelfAttribute("..meeting"),
        kind=SessionKind.SIDE_EVENT,
        start=factory.LazyAttribute(
            lambda session: meeting_time(session.meeting, 1, 14)
        ),
        end=factory.LazyAttribute(lambda session: meeting_time(session.meeting, 1, 17)),
    )
    organiser = "UNOSSC and TICA"
    description = "A forum on the sidelines of the consultation."
    capacity = 25
    access = SideEventAccess.OPEN


class InvitationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationCode

    side_event = factory.SubFactory(SideEventFactory, access=SideEventAccess.INVITATION)
    max_uses = 1


class SideEventSignUpFactory(factory.django.DjangoModelFactory):
    """A booked seat, counted in the side event's seats taken as the service does.

    Tests of the rules book through ``book_side_event_seat``; this factory sets
    the scene (a room nearly full, a waiting list) in one line.
    """

    class Meta:
        model = SideEventSignUp

    side_event = factory.SubFactory(SideEventFactory)
    registration = factory.SubFactory(
        RegistrationFactory,
        meeting=factory.SelfAttribute("..side_event.session.meeting"),
        status=RegistrationStatus.APPROVED,
    )
    status = SignUpStatus.BOOKED
    booked_at = factory.LazyAttribute(
        lambda signup: timezone.now() if signup.status == SignUpStatus.BOOKED else None
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        signup = super()._create(model_class, *args, **kwargs)
        if signup.status == SignUpStatus.BOOKED:
            SideEvent.objects.filter(pk=signup.side_event.pk).update(
                seats_taken=F("seats_taken") + 1
            )
            signup.side_event.refresh_from_db(fields=["seats_taken"])
        return signup


class CheckInFactory(factory.django.DjangoModelFactory):
    """An approved delegate checked in at the entrance on the meeting's first day."""

    class Meta:
        model = CheckIn

    registration = factory.SubFactory(
        RegistrationFactory, status=RegistrationStatus.APPROVED
    )
    day = factory.LazyAttribute(
        lambda check_in: check_in.registration.meeting.start_date
    )


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    meeting = factory.SubFactory(MeetingFactory)
    subject = "Practical information"
    body = "The shuttle leaves the hotels at 08:00 every morning."


class AnnouncementRecipientFactory(factory.django.DjangoModelFactory):
    """A recipient whose email left: sent, with the time."""

    class Meta:
        model = AnnouncementRecipient

    announcement = factory.SubFactory(AnnouncementFactory)
    registration = factory.SubFactory(
        RegistrationFactory,
        meeting=factory.SelfAttribute("..announcement.meeting"),
    )
    email = factory.LazyAttribute(lambda recipient: recipient.registration.email)
    status = DeliveryStatus.SENT
    sent_at = factory.LazyFunction(timezone.now)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A short-text question, asked to everyone, optional."""

    class Meta:
        model = Question

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Question {n:04d}")
    kind = QuestionKind.SHORT_TEXT


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.ONE_CHOICE)
    label = factory.Sequence(lambda n: f"Choice {n:04d}")
    position = factory.Sequence(lambda n: n)


class MeetingFormFactory(factory.django.DjangoModelFactory):
    """A registration form of a meeting, open with the meeting's registration."""

    class Meta:
        model = MeetingForm

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Form {n:04d}")
    slug = factory.Sequence(lambda n: f"form-{n}")
    position = factory.Sequence(lambda n: n)
