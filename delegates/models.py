from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from consultation.constraints import ChoicesConstraint, RowCheckConstraint
from consultation.uploads import private_storage, random_file_name

from .email_addresses import email_key
from .enums import (
    CLOSED_STATUSES,
    Attendance,
    CredentialsStatus,
    DelegationRole,
    DeliveryStatus,
    Gender,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from .names import full_name
from .questions.constraints import PostgresCompositeForeignKey
from .tokens import (
    generate_access_key,
    generate_badge_token,
    make_delegation_token,
    make_registration_token,
)

# Categories whose delegations represent a country (or territory), one per meeting.
STATE_CATEGORIES = [
    ParticipantCategory.MEMBER_STATE,
    ParticipantCategory.ASSOCIATE_MEMBER,
]

# The audit trail keeps who changed what; the secret keys of the private link and
# the badge stay out of it, and `updated_at` would only repeat its own timestamp.
HISTORY_EXCLUDED_FIELDS = ["access_key", "badge_token", "updated_at"]


class RegistrationQuerySet(models.QuerySet):
    def with_email(self, *emails):
        """Registrations of any of these addresses, compared as email_key does."""
        return self.alias(email_key=Lower("email")).filter(
            email_key__in=[email_key(email) for email in emails]
        )

    def with_badge(self):
        """The registrations that get a badge: approved, taking part in person."""
        return self.filter(
            status=RegistrationStatus.APPROVED, attendance=Attendance.IN_PERSON
        )


def photo_upload_to(instance, filename):
    return random_file_name("photos", filename)


def credentials_upload_to(instance, filename):
    # Every letter is checked to be a PDF; the name it was sent under says nothing
    # (and a long extension would not fit the column).
    return random_file_name("credentials", "letter.pdf")


class Delegation(models.Model):
    """A Member State's or organisation's delegation, nominated by a focal point."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("meeting"),
    )
    name = models.CharField(
        _("delegation"),
        max_length=250,
        help_text=_("The country or organisation, as it should be listed."),
    )
    country = CountryField(_("country"), blank=True)
    category = models.CharField(
        _("participant category"), max_length=30, choices=ParticipantCategory
    )
    focal_point_name = models.CharField(_("focal point"), max_length=200)
    focal_point_email = models.EmailField(_("focal point email"))
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The secretariat writes to the focal point in it."),
    )
    credentials_letter = models.FileField(
        _("credentials letter"),
        upload_to=credentials_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("The note verbale or letter of credentials (PDF)."),
    )
    credentials_status = models.CharField(
        _("credentials"),
        max_length=20,
        choices=CredentialsStatus,
        default=CredentialsStatus.PENDING,
    )
    credentials_checked_at = models.DateTimeField(
        _("credentials checked"), null=True, blank=True
    )
    credentials_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("credentials checked by"),
    )
    seat_quota = models.PositiveSmallIntegerField(
        _("seat quota"),
        null=True,
        blank=True,
        help_text=_("Most members this delegation may have; empty for no limit."),
    )
    access_key = models.CharField(
        max_length=64, unique=True, default=generate_access_key, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED_FIELDS)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "meeting",
                name="unique_delegation_name_per_meeting",
                violation_error_message=_(
                    "A delegation of this name is already registered for this meeting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(credentials_status__in=CredentialsStatus.values),
                name="delegation_credentials_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(category__in=ParticipantCategory.values),
                name="delegation_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _ in settings.LANGUAGES]),
                name="delegation_language_valid",
            ),
            models.CheckConstraint(
                condition=~Q(category__in=STATE_CATEGORIES) | ~Q(country=""),
                name="state_delegation_has_country",
                violation_error_message=_(
                    "A Member State or associate member delegation needs a country."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "country"],
                condition=Q(category__in=STATE_CATEGORIES),
                name="one_delegation_per_country_per_meeting",
                violation_error_message=_(
                    "This country's delegation is already registered for this meeting."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_manage_url(self):
        """The focal point's private link to manage the delegation (no account)."""
        return reverse(
            "delegates:delegation_manage",
            kwargs={
                "meeting_slug": self.meeting.slug,
                "token": make_delegation_token(self),
            },
        )


class Registration(models.Model):
    """One person's registration for one meeting."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    form = models.ForeignKey(
        "delegates.MeetingForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("registration form"),
        help_text=_("The form it was sent with; empty: the meeting's own."),
    )
    honorific = models.CharField(_("honorific"), max_length=10, choices=Honorific)
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
    family_name_first = models.BooleanField(
        _("family name first"),
        default=False,
        help_text=_(
            "Tick if your family name comes before your given name, as in Chinese, "
            "Japanese, Korean, Vietnamese or Hungarian names."
        ),
    )
    job_title = models.CharField(_("job title"), max_length=200)
    organisation = models.CharField(
        _("ministry, department or organisation"), max_length=250
    )
    country = CountryField(
        _("country represented"),
        blank=True,
        help_text=_("The Member State or associate member you represent, if any."),
    )
    category = models.CharField(
        _("participant category"), max_length=30, choices=ParticipantCategory
    )
    email = models.EmailField(_("email"))
    badge_name = models.CharField(
        _("name as on badge"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty to use your given and family names."),
    )
    gender = models.CharField(
        _("gender"),
        max_length=20,
        choices=Gender,
        default=Gender.UNDISCLOSED,
        help_text=_("For gender-balance statistics only."),
    )
    nationality = CountryField(_("nationality"), blank=True)
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("delegation"),
    )
    role = models.CharField(
        _("capacity in the delegation"),
        max_length=20,
        choices=DelegationRole,
        default=DelegationRole.DELEGATE,
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The secretariat writes to you, and prints your badge, in it."),
    )

    # Logistics
    attendance = models.CharField(
        _("takes part"),
        max_length=20,
        choices=Attendance,
        default=Attendance.IN_PERSON,
        help_text=_(
            "Online participants get the joining link, not a badge or a visa letter."
        ),
    )
    joining_link_sent_at = models.DateTimeField(
        _("joining link sent"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the online sessions' joining links were emailed."),
    )
    needs_visa_letter = models.BooleanField(
        _("needs a visa support letter"), default=False
    )
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_expiry = models.DateField(_("passport expiry"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    dietary_requirements = models.CharField(
        _("dietary requirements"), max_length=300, blank=True
    )
    accessibility_requirements = models.TextField(
        _("accessibility requirements"), blank=True
    )
    emergency_contact_name = models.CharField(
        _("emergency contact"), max_length=200, blank=True
    )
    emergency_contact_phone = PhoneNumberField(_("emergency contact phone"), blank=True)
    photo = models.ImageField(
        _("badge photo"),
        upload_to=photo_upload_to,
        storage=private_storage,
        blank=True,
    )
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When passport, birth date, emergency contact, needs and photo were erased."
        ),
    )

    # Consent
    consent_privacy = models.BooleanField(
        _("accepts the privacy notice"), default=False
    )
    consent_public_list = models.BooleanField(
        _("appears in the public list of participants"), default=False
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus,
        default=RegistrationStatus.SUBMITTED,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    access_key = models.CharField(
        max_length=64, unique=True, default=generate_access_key, editable=False
    )
    link_sent_at = models.DateTimeField(
        _("private link last sent"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Limits how often the private link can be emailed again."),
    )
    badge_token = models.CharField(
        _("badge token"),
        max_length=32,
        unique=True,
        default=generate_badge_token,
        editable=False,
        help_text=_("Random; its signed form is the QR code printed on the badge."),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED_FIELDS)

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [
            ("view_passport_data", _("Can view passport and personal data")),
            ("check_in_registration", _("Can check in participants at the desk")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                name="unique_registration_email_per_meeting",
                violation_error_message=_(
                    "This email address is already registered for this meeting."
                ),
            ),
            ChoicesConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            PostgresCompositeForeignKey(
                fields=["form", "meeting"],
                to_model="delegates.MeetingForm",
                to_fields=["id", "meeting"],
                name="registration_form_same_meeting",
            ),
            ChoicesConstraint(
                condition=Q(category__in=ParticipantCategory.values),
                name="registration_category_valid",
            ),
            ChoicesConstraint(
                condition=Q(role__in=DelegationRole.values),
                name="registration_role_valid",
            ),
            ChoicesConstraint(
                condition=Q(language__in=[code for code, _ in settings.LANGUAGES]),
                name="registration_language_valid",
            ),
            RowCheckConstraint(
                condition=Q(departure_date__isnull=True)
                | Q(arrival_date__isnull=True)
                | Q(departure_date__gte=F("arrival_date")),
                holds=lambda row: (
                    row.departure_date is None
                    or row.arrival_date is None
                    or row.departure_date >= row.arrival_date
                ),
                name="registration_departs_after_arrival",
                violation_error_message=_("Departure cannot be before arrival."),
            ),
            ChoicesConstraint(
                condition=Q(attendance__in=Attendance.values),
                name="registration_attendance_valid",
            ),
            RowCheckConstraint(
                condition=Q(attendance=Attendance.IN_PERSON)
                | Q(needs_visa_letter=False),
                holds=lambda row: (
                    row.attendance == Attendance.IN_PERSON or not row.needs_visa_letter
                ),
                name="registration_online_needs_no_visa_letter",
                violation_error_message=_(
                    "An online participant needs no visa support letter."
                ),
            ),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="head") & ~Q(status__in=list(CLOSED_STATUSES)),
                name="one_head_per_delegation",
                violation_error_message=_("This delegation already has a head."),
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"]),
            # The admin list's order, so a page is read from the index, not sorted.
            models.Index(
                fields=["family_name", "given_name", "id"],
                name="registration_name_order",
            ),
            models.Index(
                fields=["meeting", "family_name", "given_name", "id"],
                name="registration_meeting_name",
            ),
            # The first and last dates of the list's date hierarchy.
            models.Index(fields=["created_at"], name="registration_created_at"),
        ]

    def __str__(self):
        return self.full_name

    def get_private_url(self):
        """The delegate's private link to their registration (no account needed)."""
        return reverse(
            "delegates:manage",
            kwargs={
                "meeting_slug": self.meeting.slug,
                "token": make_registration_token(self),
            },
        )

    @property
    def full_name(self):
        return full_name(
            given_name=self.given_name,
            family_name=self.family_name,
            family_name_first=self.family_name_first,
        )

    @property
    def display_name(self):
        return f"{self.get_honorific_display()} {self.full_name}"

    @property
    def gets_badge(self):
        """Approved and taking part in person (see RegistrationQuerySet.with_badge)."""
        return (
            self.status == RegistrationStatus.APPROVED
            and self.attendance == Attendance.IN_PERSON
        )

    @property
    def is_online(self):
        return self.attendance == Attendance.ONLINE

    @property
    def name_on_badge(self):
        return self.badge_name or self.full_name


class Correction(models.Model):
    """What a delegate changed through their private link, for organisers to see."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("registration"),
    )
    made_at = models.DateTimeField(_("made"), auto_now_add=True)
    changes = models.JSONField(
        _("changes"),
        help_text=_(
            "Field label, old and new value; personal identifiers are only "
            "marked as changed."
        ),
    )
    previous_status = models.CharField(
        _("status before"), max_length=20, choices=RegistrationStatus
    )
    reopened_review = models.BooleanField(
        _("sent back for review"),
        default=False,
        help_text=_("Identity details changed after approval."),
    )

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = _("correction by the delegate")
        verbose_name_plural = _("corrections by the delegate")
        constraints = [
            models.CheckConstraint(
                condition=~Q(changes={}),
                name="correction_changes_something",
            ),
        ]

    def __str__(self):
        return f"{self.registration}: {', '.join(self.changed_labels)}"

    @property
    def changed_labels(self):
        return [change["label"] for change in self.changes.values()]


class ParticipationStatistics(Registration):
    """The organisers' statistics page in the admin; no table of its own."""

    class Meta:
        proxy = True
        verbose_name = _("participation statistics")
        verbose_name_plural = _("participation statistics")


class CheckIn(models.Model):
    """A participant's arrival, seen by the desk: on a meeting day or at a side event.

    Without a side event it is the meeting's entrance on that day; with one, the
    door of that side event (its day is the side event's).
    """

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("registration"),
    )
    day = models.DateField(_("day"))
    side_event = models.ForeignKey(
        "agenda.SideEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
        verbose_name=_("side event"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    at = models.DateTimeField(_("checked in at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=Q(side_event__isnull=True),
                name="one_check_in_per_registration_per_day",
                violation_error_message=_("Already checked in on this day."),
            ),
            models.UniqueConstraint(
                fields=["registration", "side_event"],
                condition=Q(side_event__isnull=False),
                name="one_check_in_per_registration_per_side_event",
                violation_error_message=_("Already checked in at this side event."),
            ),
        ]
        indexes = [models.Index(fields=["day", "registration"])]

    def __str__(self):
        where = self.side_event or f"{self.day:%Y-%m-%d}"
        return f"{self.registration} · {where}"


class Announcement(models.Model):
    """A message organisers sent to a chosen set of a meeting's registrations."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name=_("meeting"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    # The registrations selected whose recipient rows a worker has still to write:
    # the organiser's request stores the selection, the worker writes the rows
    # (announcements/services.py). Empty once every recipient is written.
    unwritten_selection = models.JSONField(
        _("selected, not yet written as recipients"),
        default=list,
        blank=True,
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.subject


class AnnouncementRecipient(models.Model):
    """One person an announcement went to, and whether their email left."""

    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.CASCADE,
        related_name="recipients",
        verbose_name=_("announcement"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        related_name="announcements_received",
        verbose_name=_("registration"),
    )
    email = models.EmailField(_("email"), help_text=_("The address it was sent to."))
    status = models.CharField(
        _("delivery"),
        max_length=20,
        choices=DeliveryStatus,
        default=DeliveryStatus.PENDING,
    )
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    mail = models.OneToOneField(
        "outbox.OutgoingMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcement_recipient",
        verbose_name=_("email"),
        help_text=_("Its row in the outbox; the delivery status follows it."),
    )

    class Meta:
        ordering = ["announcement", "status", "email", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "registration"],
                name="one_announcement_per_registration",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="announcement_recipient_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="announcement_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.FAILED) | ~Q(error=""),
                name="announcement_failure_has_error",
            ),
        ]

    def __str__(self):
        return self.email


# The registration questions' models live in their room; imported here so that
# Django registers them with the delegates app.
from .bilaterals.models import BilateralRequest  # noqa: E402, F401
from .questions.models import (  # noqa: E402, F401
    Answer,
    AnswerChoice,
    BuiltInFields,
    Choice,
    MeetingForm,
    Question,
)
