from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .enums import Honorific, ParticipantCategory, RegistrationStatus
from .tokens import generate_access_key, make_registration_token


class Registration(models.Model):
    """One person's registration for one meeting."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    honorific = models.CharField(_("honorific"), max_length=10, choices=Honorific)
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
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
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                name="unique_registration_email_per_meeting",
                violation_error_message=_(
                    "This email address is already registered for this meeting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(category__in=ParticipantCategory.values),
                name="registration_category_valid",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status"])]

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
        return f"{self.given_name} {self.family_name}"

    @property
    def display_name(self):
        return f"{self.get_honorific_display()} {self.full_name}"
