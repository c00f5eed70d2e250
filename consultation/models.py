import datetime
import zoneinfo
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .countries.represented import AssociateMemberCountries

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]

# Top-level URL segments that a meeting slug would shadow: the site's own fixed
# paths (consultation/urls.py, STATIC_URL, MEDIA_URL), and a few kept for later.
RESERVED_SLUGS = {
    "admin",
    "static",
    "media",
    "private-media",
    "accounts",
    "api",
    "i18n",
}


def validate_meeting_slug(value):
    # A slug that reads as a language prefix (fr, es-2026) would be taken for one.
    if value in RESERVED_SLUGS or translation.get_language_from_path(f"/{value}/"):
        raise ValidationError(
            _("“%(slug)s” is reserved for the site itself; choose another slug."),
            params={"slug": value},
        )


class User(AbstractUser):
    """An organiser or desk user; delegates never need an account."""


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def upcoming(self, *, now=None):
        """Meetings whose last day has not yet ended in their own time zone."""
        now = now or timezone.now()
        # "Today" depends on the zone, but at any moment it is one of at most three
        # dates: one condition for each, on the zones that share it.
        zones_by_today = {}
        for zone in self.order_by().values_list("time_zone", flat=True).distinct():
            today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
            zones_by_today.setdefault(today, []).append(zone)
        not_over = Q(pk__in=[])
        for today, zones in zones_by_today.items():
            not_over |= Q(time_zone__in=zones, end_date__gte=today)
        return self.filter(not_over)


class AttendanceOffer(models.TextChoices):
    """How a meeting may be attended."""

    IN_PERSON = "in_person", _("In person only")
    HYBRID = "hybrid", _("In person or online")
    ONLINE = "online", _("Online only")


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=300)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        help_text=_("Acronym used on badges and emails."),
    )
    slug = models.SlugField(
        _("slug"),
        unique=True,
        validators=[validate_meeting_slug],
        help_text=_("Used in the meeting's public address."),
    )
    description = models.TextField(_("description"), blank=True)
    main_language = models.CharField(
        _("main language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the organisers write in first: a title or description "
            "left empty in another language shows in this one."
        ),
    )
    venue = models.CharField(_("venue"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Where the meeting takes place; the agenda is shown in it."),
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    modification_deadline = models.DateTimeField(
        _("changes accepted until"),
        null=True,
        blank=True,
        help_text=_(
            "Until when delegates may correct or cancel their registration; "
            "empty means until the meeting starts."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "Most approved participants; beyond it, registrations are waitlisted."
        ),
    )
    associate_members = CountryField(
        _("associate members"),
        multiple=True,
        blank=True,
        countries=AssociateMemberCountries,
        help_text=_(
            "The territories that take part as associate members of the regional "
            "commission (e.g. Hong Kong, China). Member States and observer "
            "States may always register."
        ),
    )
    auto_promote_waitlist = models.BooleanField(
        _("promote from the waiting list automatically"),
        default=False,
        help_text=_("When a seat frees up, approve the next waitlisted registration."),
    )
    attendance_offer = models.CharField(
        _("participation"),
        max_length=20,
        choices=AttendanceOffer,
        default=AttendanceOffer.IN_PERSON,
        help_text=_(
            "Whether delegates may take part online; online participants get the "
            "sessions' joining links by email before their first session."
        ),
    )
    bilateral_max_minutes = models.PositiveSmallIntegerField(
        _("longest bilateral meeting (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Delegations may book a bilateral meeting room for up to this."),
    )
    organisers = models.TextField(
        _("organisers"), help_text=_("One organising entity per line.")
    )
    secretariat_email = models.EmailField(
        _("secretariat's email address"),
        blank=True,
        help_text=_(
            "Where delegates write with questions: named in the privacy notice and "
            "the emails. Empty: the address the emails are sent from."
        ),
    )
    visa_letter_signatory = models.CharField(
        _("visa letters signed by"),
        max_length=200,
        blank=True,
        help_text=_("The official who signs the visa support letters, by name."),
    )
    visa_letter_signatory_title = models.CharField(
        _("title of the signatory"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Director, Office of the Executive Secretary, ESCAP”."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Visible on the public site.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    programme_changed_at = models.DateTimeField(
        _("programme last changed"),
        default=timezone.now,
        editable=False,
        help_text=_("Bumped whenever a room or session of the meeting changes."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "slug"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_ends_on_or_after_start",
                violation_error_message=_("The last day cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=Q(attendance_offer__in=AttendanceOffer.values),
                name="meeting_attendance_offer_valid",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__gt=F("registration_opens")),
                name="meeting_registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(main_language__in=[code for code, _ in settings.LANGUAGES]),
                name="meeting_main_language_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meeting_home", kwargs={"meeting_slug": self.slug})

    def clean(self):
        # Imported here: content_languages reads modeltranslation, set up after us.
        from .content_languages import main_language_errors

        if errors := main_language_errors(self, "title", self):
            raise ValidationError(errors)

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self):
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    @property
    def organiser_list(self):
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    def registration_state(self, *, now=None):
        """Return "open", "not_yet_open" or "closed" at the given moment."""
        now = now or timezone.now()
        if now < self.registration_opens:
            return "not_yet_open"
        if now >= self.registration_closes:
            return "closed"
        return "open"

    def registration_is_open(self, *, now=None):
        return self.registration_state(now=now) == "open"

    def changes_close_at(self):
        """When delegates stop being able to correct or cancel their registration."""
        return self.modification_deadline or self.local_start()

    def accepts_changes(self, *, now=None):
        return (now or timezone.now()) < self.changes_close_at()

    def contact_email(self) -> str:
        """The address delegates write to: the secretariat's, else the sender's."""
        return self.secretariat_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]

    def local_start(self):
        """Midnight at the start of the first day, in the meeting's time zone."""
        return datetime.datetime.combine(
            self.start_date, datetime.time.min, tzinfo=self.tzinfo
        )

    def local_end(self):
        """Midnight after the last day, in the meeting's time zone."""
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=self.tzinfo,
        )
