import datetime
import string

from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultation.content_languages import main_language_errors
from consultation.uploads import random_file_name
from delegates.enums import Honorific

from ..constraints import PostgresExclusionConstraint, TsTzRange
from ..enums import Language, Role, SessionKind

# frab's schedule.xml gives a session's duration as HH:MM, so no session lasts
# 100 hours or more; a longer stretch is several sessions.
MAX_SESSION_LENGTH = datetime.timedelta(hours=100)

# Paths under a meeting's agenda that a session slug would shadow.
RESERVED_SESSION_SLUGS = {"now", "items", "speakers", "documents", "changelog"}


def validate_session_slug(value):
    if value in RESERVED_SESSION_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another agenda page; choose another."),
            params={"slug": value},
        )


def validate_language_codes(value):
    if not isinstance(value, list) or not set(value) <= set(Language.values):
        raise ValidationError(
            _("Choose languages from the list: %(languages)s."),
            params={"languages": ", ".join(Language.values)},
        )


def speaker_photo_upload_to(instance, filename):
    return random_file_name("speakers", filename)


class Room(models.Model):
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="rooms",
        verbose_name=_("meeting"),
    )
    name = models.CharField(_("name"), max_length=150)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    location_notes = models.CharField(
        _("location notes"), max_length=250, blank=True, help_text=_("Floor, building.")
    )
    takes_bilaterals = models.BooleanField(
        _("takes bilateral meetings"),
        default=False,
        help_text=_("Delegations may ask for it to meet another delegation."),
    )
    bilaterals_from = models.TimeField(
        _("bilaterals from"),
        null=True,
        blank=True,
        help_text=_("Each meeting day, in the meeting's time zone."),
    )
    bilaterals_until = models.TimeField(_("bilaterals until"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"], name="unique_room_name_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(takes_bilaterals=False)
                | Q(
                    bilaterals_from__isnull=False,
                    bilaterals_until__gt=F("bilaterals_from"),
                ),
                name="room_bilateral_hours_set",
                violation_error_message=_(
                    "A room that takes bilaterals needs its hours, ending after "
                    "they start."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.meeting_id and (
            errors := main_language_errors(self, "name", self.meeting)
        ):
            raise ValidationError(errors)


class Track(models.Model):
    """A theme that runs through the programme, e.g. "Finance and partnerships"."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="tracks",
        verbose_name=_("meeting"),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "slug"], name="unique_track_slug_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["meeting", "name"], name="unique_track_name_per_meeting"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.meeting_id and (
            errors := main_language_errors(self, "name", self.meeting)
        ):
            raise ValidationError(errors)


class SessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def overlapping(self, start, end):
        """Sessions that share any moment with [start, end)."""
        return self.filter(start__lt=end, end__gt=start)


class Session(models.Model):
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=100, validators=[validate_session_slug]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind)
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("track"),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    position = models.PositiveSmallIntegerField(
        _("order in slot"),
        default=0,
        help_text=_("Orders sessions that start at the same time; lower first."),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    language = models.CharField(
        _("floor language"),
        max_length=2,
        choices=Language,
        default=Language.ENGLISH,
    )
    interpretation = models.JSONField(
        _("interpretation into"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Languages into which the session is interpreted."),
    )
    joining_link = models.URLField(
        _("joining link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where online participants join (video conference address). Shown only "
            "to approved online participants, never on the public programme."
        ),
    )
    published = models.BooleanField(_("published"), default=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start", "position", "end", "title", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end__lt=F("start") + MAX_SESSION_LENGTH),
                name="session_lasts_under_100_hours",
                violation_error_message=_(
                    "A session must last less than 100 hours; "
                    "split a longer one into several sessions."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "slug"], name="unique_session_slug_per_meeting"
            ),
            PostgresExclusionConstraint(
                name="session_room_not_double_booked",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    (
                        TsTzRange("start", "end", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_("This room is already in use then."),
            ),
        ]
        indexes = [models.Index(fields=["meeting", "start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "agenda:session_detail",
            kwargs={"meeting_slug": self.meeting.slug, "session_slug": self.slug},
        )

    def clean(self):
        if not self.meeting_id:
            return
        errors = main_language_errors(self, "title", self.meeting)
        if self.room_id and self.room.meeting_id != self.meeting_id:
            errors["room"] = _("This room belongs to another meeting.")
        if self.track_id and self.track.meeting_id != self.meeting_id:
            errors["track"] = _("This track belongs to another meeting.")
        if self.start and self.end:
            errors.update(self._schedule_errors())
        if errors:
            raise ValidationError(errors)

    def _schedule_errors(self):
        meeting = self.meeting
        tz = meeting.tzinfo
        errors = {}
        if self.start < meeting.local_start() or self.end > meeting.local_end():
            errors["start"] = gettext(
                "The meeting runs from %(first)s to %(last)s (%(zone)s); "
                "this session falls outside those days."
            ) % {
                "first": meeting.start_date.strftime("%d %b %Y"),
                "last": meeting.end_date.strftime("%d %b %Y"),
                "zone": meeting.time_zone,
            }
        if self.end - self.start >= MAX_SESSION_LENGTH:
            errors["end"] = gettext(
                "A session must last less than 100 hours; "
                "split a longer one into several sessions."
            )
        if self.room_id and self.end > self.start:
            clash = (
                Session.objects.overlapping(self.start, self.end)
                .filter(room_id=self.room_id)
                .exclude(pk=self.pk)
                .order_by("start", "pk")
                .first()
            )
            if clash:
                errors["room"] = gettext(
                    "%(room)s is already used by “%(session)s” from %(start)s "
                    "to %(end)s."
                ) % {
                    "room": self.room.name,
                    "session": clash.title,
                    "start": clash.start.astimezone(tz).strftime("%a %d %b %H:%M"),
                    "end": clash.end.astimezone(tz).strftime("%H:%M"),
                }
        return errors

    @property
    def is_side_event(self):
        return self.kind == SessionKind.SIDE_EVENT

    @property
    def local_start(self):
        return self.start.astimezone(self.meeting.tzinfo)

    @property
    def local_end(self):
        return self.end.astimezone(self.meeting.tzinfo)

    def get_interpretation_display(self):
        labels = dict(Language.choices)
        return [labels[code] for code in self.interpretation if code in labels]


class AgendaItem(models.Model):
    """An item of the meeting's agenda as the UN numbers it: "Item 3 (a)"."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    sub_letter = models.CharField(
        _("sub-item letter"),
        max_length=1,
        blank=True,
        help_text=_("A lowercase letter for a sub-item, e.g. “a” in Item 3 (a)."),
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(
        _("annotation"), blank=True, help_text=_("Markdown.")
    )
    sessions = models.ManyToManyField(
        Session,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("taken up in"),
    )

    class Meta:
        ordering = ["meeting", "number", "sub_letter", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number", "sub_letter"],
                name="unique_agenda_item_number_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(sub_letter__in=["", *string.ascii_lowercase]),
                name="agenda_item_sub_letter_is_a_lowercase_letter",
                violation_error_message=_(
                    "A sub-item letter is one lowercase letter, a to z."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="agenda_item_number_from_one",
                violation_error_message=_("Agenda items are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"

    def clean(self):
        if self.meeting_id and (
            errors := main_language_errors(self, "title", self.meeting)
        ):
            raise ValidationError(errors)

    @property
    def label(self):
        if self.sub_letter:
            return gettext("Item %(number)s (%(letter)s)") % {
                "number": self.number,
                "letter": self.sub_letter,
            }
        return gettext("Item %(number)s") % {"number": self.number}

    @property
    def is_sub_item(self):
        return bool(self.sub_letter)


class Speaker(models.Model):
    """A person on the programme, with the public profile the speakers page shows."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="speakers",
        verbose_name=_("meeting"),
    )
    honorific = models.CharField(
        _("honorific"), max_length=10, choices=Honorific, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. Executive Secretary")
    )
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    bio = models.TextField(_("short biography"), max_length=1500, blank=True)
    photo = models.ImageField(_("photo"), upload_to=speaker_photo_upload_to, blank=True)
    registration = models.OneToOneField(
        "delegates.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker",
        verbose_name=_("registration"),
        help_text=_("The speaker's own registration, if they registered."),
    )

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "slug"], name="unique_speaker_slug_per_meeting"
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse(
            "agenda:speaker_detail",
            kwargs={"meeting_slug": self.meeting.slug, "speaker_slug": self.slug},
        )

    def clean(self):
        if (
            self.registration_id
            and self.meeting_id
            and self.registration.meeting_id != self.meeting_id
        ):
            raise ValidationError(
                {"registration": _("This registration is for another meeting.")}
            )

    @property
    def display_name(self):
        if self.honorific:
            return f"{self.get_honorific_display()} {self.name}"
        return self.name


class SessionRole(models.Model):
    """A person's part in a session: chair, moderator, speaker and so on."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("session"),
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    position = models.PositiveSmallIntegerField(
        _("speaking order"), default=0, help_text=_("Lower speaks first.")
    )
    remarks = models.CharField(
        _("contribution"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Welcome remarks, Keynote address."),
    )

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("person in session")
        verbose_name_plural = _("people in session")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker", "role"],
                name="unique_role_per_person_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.speaker}"

    def clean(self):
        session = getattr(self, "session", None)
        if session is None or not self.speaker_id:
            return
        if session.meeting_id and self.speaker.meeting_id != session.meeting_id:
            raise ValidationError(
                {"speaker": _("This person is on another meeting's programme.")}
            )
        if not (session.start and session.end):
            return
        clashes = SessionRole.objects.filter(
            speaker_id=self.speaker_id,
            session__start__lt=session.end,
            session__end__gt=session.start,
        ).select_related("session")
        if session.pk:
            clashes = clashes.exclude(session_id=session.pk)
        clash = clashes.order_by("session__start", "pk").first()
        if clash:
            tz = session.meeting.tzinfo
            raise ValidationError(
                {
                    "speaker": gettext(
                        "%(person)s is already in “%(session)s” from %(start)s "
                        "to %(end)s."
                    )
                    % {
                        "person": self.speaker.display_name,
                        "session": clash.session.title,
                        "start": clash.session.start.astimezone(tz).strftime(
                            "%a %d %b %H:%M"
                        ),
                        "end": clash.session.end.astimezone(tz).strftime("%H:%M"),
                    }
                }
            )
