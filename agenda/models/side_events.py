"""Side events: sessions on the sidelines with their own seats and access rule."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from delegates.enums import DelegationRole, ParticipantCategory

from ..enums import SessionKind, SideEventAccess, SignUpStatus
from ..invitation_codes import generate_invitation_code
from .programme import Session


class SideEvent(models.Model):
    """The seats and access rule of a session of kind "side event"."""

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="side_event",
        limit_choices_to={"kind": SessionKind.SIDE_EVENT},
        verbose_name=_("session"),
        help_text=_("The agenda entry (kind: side event) with its time and room."),
    )
    organiser = models.CharField(_("organiser"), max_length=250)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Seats that delegates can book.")
    )
    seats_taken = models.PositiveIntegerField(
        _("seats taken"), default=0, editable=False
    )
    allow_signup_at_registration = models.BooleanField(
        _("delegates sign up from their registration"),
        default=True,
        help_text=_(
            "Approved delegates may take a seat themselves from their registration "
            "page. Otherwise only organisers add attendees."
        ),
    )
    access = models.CharField(
        _("access"),
        max_length=20,
        choices=SideEventAccess,
        default=SideEventAccess.OPEN,
    )
    eligible_categories = models.JSONField(
        _("eligible participant categories"),
        default=list,
        blank=True,
        help_text=_("For restricted access: empty means any category."),
    )
    eligible_roles = models.JSONField(
        _("eligible delegation roles"),
        default=list,
        blank=True,
        help_text=_("For restricted access: empty means any role."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["session__start", "session__title", "pk"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0),
                name="side_event_capacity_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__gte=0),
                name="side_event_seats_taken_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="side_event_seats_within_capacity",
                violation_error_message=_(
                    "The capacity cannot be below the seats already taken."
                ),
            ),
            models.CheckConstraint(
                condition=Q(access__in=SideEventAccess.values),
                name="side_event_access_valid",
            ),
            models.CheckConstraint(
                condition=~Q(access=SideEventAccess.RESTRICTED)
                | ~Q(eligible_categories=[])
                | ~Q(eligible_roles=[]),
                name="side_event_restriction_names_who",
                violation_error_message=_(
                    "A restricted side event needs at least one eligible category "
                    "or role."
                ),
            ),
        ]

    def __str__(self):
        return self.session.title

    def clean(self):
        errors = {}
        if self.session_id and self.session.kind != SessionKind.SIDE_EVENT:
            errors["session"] = _("Choose a session of the kind “side event”.")
        if not set(self.eligible_categories) <= set(ParticipantCategory.values):
            errors["eligible_categories"] = _("Unknown participant category.")
        if not set(self.eligible_roles) <= set(DelegationRole.values):
            errors["eligible_roles"] = _("Unknown delegation role.")
        if self.capacity is not None and self.capacity < self.seats_taken:
            errors["capacity"] = _(
                "%(taken)d seats are already taken: the capacity cannot be lower."
            ) % {"taken": self.seats_taken}
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.seats_taken >= self.capacity

    def admits(self, registration) -> bool:
        """Whether the access rule lets this person in (codes are checked apart).

        A restricted side event admits a person whose category is among the
        eligible ones *and* whose role is among the eligible ones; an empty list
        places no condition.
        """
        return self.admits_person(
            category=registration.category, role=registration.role
        )

    def admits_person(self, *, category, role) -> bool:
        """Whether the access rule admits someone of this category and role."""
        if self.access != SideEventAccess.RESTRICTED:
            return True
        return (
            not self.eligible_categories or category in self.eligible_categories
        ) and (not self.eligible_roles or role in self.eligible_roles)

    def access_description(self) -> str:
        """How to get a seat, in one sentence for the public."""
        if self.access == SideEventAccess.OPEN:
            return gettext("Open to all approved delegates.")
        if self.access == SideEventAccess.INVITATION:
            return gettext("By invitation: sign up with the code the organisers sent.")
        either = gettext(" or ")
        who = [
            either.join(str(ParticipantCategory(value).label) for value in values)
            for values in [self.eligible_categories]
            if values
        ] + [
            either.join(str(DelegationRole(value).label) for value in values)
            for values in [self.eligible_roles]
            if values
        ]
        return gettext("Restricted to: %(who)s.") % {"who": "; ".join(who)}


class InvitationCode(models.Model):
    """A code that lets its holder(s) sign up for one invitation-only side event."""

    side_event = models.ForeignKey(
        SideEvent,
        on_delete=models.CASCADE,
        related_name="invitation_codes",
        verbose_name=_("side event"),
    )
    code = models.CharField(
        _("code"),
        max_length=24,
        unique=True,
        default=generate_invitation_code,
        editable=False,
    )
    label = models.CharField(
        _("issued to"),
        max_length=200,
        blank=True,
        help_text=_("Whom the code was sent to, for your own records."),
    )
    max_uses = models.PositiveIntegerField(
        _("uses allowed"), default=1, help_text=_("How many people may use it.")
    )
    uses = models.PositiveIntegerField(_("uses"), default=0, editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        ordering = ["side_event", "created_at", "pk"]
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__gte=1), name="invitation_code_max_uses_positive"
            ),
            models.CheckConstraint(
                condition=Q(uses__gte=0), name="invitation_code_uses_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(uses__lte=F("max_uses")),
                name="invitation_code_uses_within_limit",
                violation_error_message=_(
                    "An invitation code cannot be used more often than allowed."
                ),
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def uses_left(self):
        return max(self.max_uses - self.uses, 0)


class SideEventSignUp(models.Model):
    """One delegate's seat at a side event, their place on its waiting list, or
    their wish for a seat made on the registration form (status "requested")."""

    side_event = models.ForeignKey(
        SideEvent,
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("side event"),
    )
    # RESTRICT: a registration with a seat is not deleted behind the seat count's
    # back; deleting the whole meeting still cascades.
    registration = models.ForeignKey(
        "delegates.Registration",
        on_delete=models.RESTRICT,
        related_name="side_event_signups",
        verbose_name=_("registration"),
    )
    status = models.CharField(_("status"), max_length=20, choices=SignUpStatus)
    invitation_code = models.ForeignKey(
        InvitationCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signups",
        verbose_name=_("invitation code"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by organiser"),
    )
    requested_at = models.DateTimeField(_("signed up"), default=timezone.now)
    booked_at = models.DateTimeField(_("seat given"), null=True, blank=True)

    class Meta:
        ordering = ["side_event", "status", "requested_at", "pk"]
        verbose_name = _("side event sign-up")
        verbose_name_plural = _("side event sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["side_event", "registration"],
                name="unique_signup_per_registration_per_side_event",
                violation_error_message=_(
                    "This person is already signed up for this side event."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignUpStatus.values),
                name="side_event_signup_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=SignUpStatus.BOOKED, booked_at__isnull=False)
                | (~Q(status=SignUpStatus.BOOKED) & Q(booked_at__isnull=True)),
                name="side_event_signup_booked_has_seat_time",
            ),
            # A wish is made on the public form, which offers no invitation-only
            # side event and no organiser's hand.
            models.CheckConstraint(
                condition=~Q(status__in=[SignUpStatus.REQUESTED, SignUpStatus.LAPSED])
                | Q(invitation_code__isnull=True, added_by__isnull=True),
                name="side_event_wish_has_no_code_or_organiser",
            ),
        ]
        indexes = [
            models.Index(
                fields=["side_event", "status", "requested_at"],
                name="side_event_signup_queue_idx",
            )
        ]

    def __str__(self):
        return f"{self.registration} – {self.side_event}"

    @property
    def is_booked(self):
        return self.status == SignUpStatus.BOOKED

    @property
    def is_wish(self):
        return self.status == SignUpStatus.REQUESTED

    @property
    def has_lapsed(self):
        return self.status == SignUpStatus.LAPSED
