import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a token's secret starts with, so a leaked one is recognised (secret scanners):
# a public prefix, not a secret.
TOKEN_PREFIX = "cst_"  # noqa: S105  # nosec B105
# The characters after TOKEN_PREFIX kept in clear, to tell tokens apart in the admin.
LOOKUP_LENGTH = 8


class Scope(models.TextChoices):
    """What a token may do; reading the published programme needs no token."""

    READ_REGISTRATIONS = "registrations:read", _("Read registrations")
    READ_PERSONAL_DATA = "personal_data:read", _("Read personal data")
    WRITE_CHECK_INS = "check_ins:write", _("Write check-ins")
    WRITE_REGISTRATIONS = "registrations:write", _("Write registrations")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def generate_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        """Tokens neither revoked nor expired."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class ApiToken(models.Model):
    """A system's key to the API: its scopes, for one meeting or all, until expiry.

    Only the SHA-256 of the secret is stored; the secret is shown once, when the
    token is created.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Who uses it and what for, e.g. “Host country pass office”."),
    )
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("meeting"),
        help_text=_("Empty: every meeting."),
    )
    can_read_registrations = models.BooleanField(
        _("read registrations"),
        default=False,
        help_text=_(
            "Registrations, delegations, check-ins and the outbox, without "
            "personal data."
        ),
    )
    can_read_personal_data = models.BooleanField(
        _("read personal data"),
        default=False,
        help_text=_(
            "Names, contact details, passport, date of birth, needs and answers."
        ),
    )
    can_write_check_ins = models.BooleanField(_("write check-ins"), default=False)
    can_write_registrations = models.BooleanField(
        _("write registrations"),
        default=False,
        help_text=_("Create registrations and change their status."),
    )
    expires_at = models.DateTimeField(_("expires"))
    lookup = models.CharField(
        _("starts with"), max_length=LOOKUP_LENGTH, editable=False
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, editable=False
    )
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, editable=False
    )
    last_used_from = models.GenericIPAddressField(
        _("last used from"), null=True, blank=True, editable=False
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(can_read_personal_data=False)
                | Q(can_read_registrations=True),
                name="api_token_personal_data_with_registrations",
                violation_error_message=_(
                    "Reading personal data needs reading registrations too."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({TOKEN_PREFIX}{self.lookup}…)"

    @property
    def scopes(self) -> set[str]:
        granted = {
            Scope.READ_REGISTRATIONS: self.can_read_registrations,
            Scope.READ_PERSONAL_DATA: self.can_read_personal_data,
            Scope.WRITE_CHECK_INS: self.can_write_check_ins,
            Scope.WRITE_REGISTRATIONS: self.can_write_registrations,
        }
        return {scope for scope, allowed in granted.items() if allowed}

    def covers(self, meeting) -> bool:
        return self.meeting_id is None or self.meeting_id == meeting.pk
