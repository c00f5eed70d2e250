from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProgrammeVersion(models.Model):
    """A named, frozen edition of a meeting's programme: what the public sees.

    ``snapshot`` holds the sessions marked published as they stood when the
    version was published (see ``agenda.snapshots``); the public pages and feeds
    show the latest version, and consecutive snapshots give the public changelog.
    Versions are never edited after publication.
    """

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="programme_versions",
        verbose_name=_("meeting"),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("1 for the first published version, then 2, 3...")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For example “v1 – provisional”.")
    )
    notes = models.TextField(
        _("public notes"),
        blank=True,
        help_text=_("Shown in the changelog above the list of changes."),
    )
    snapshot = models.JSONField(_("snapshot"), encoder=DjangoJSONEncoder)
    # The snapshot's sessions that still exist, for reads that need only which
    # sessions a version holds (which side events take sign-ups) in a join.
    held_sessions = models.ManyToManyField(
        "agenda.Session",
        related_name="held_in_versions",
        editable=False,
        verbose_name=_("sessions held"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    sign_ups_told_at = models.DateTimeField(
        _("sign-ups told"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the delegates signed up for a side event it changed were "
            "emailed; empty while that is still to do."
        ),
    )

    class Meta:
        ordering = ["meeting", "-number", "pk"]
        get_latest_by = "number"
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="unique_programme_version_number_per_meeting",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "meeting",
                name="unique_programme_version_name_per_meeting",
                violation_error_message=_(
                    "This meeting already has a version with this name."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="programme_version_number_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return (
            reverse("agenda:changelog", kwargs={"meeting_slug": self.meeting.slug})
            + f"#version-{self.number}"
        )

    @property
    def sessions(self):
        return self.snapshot["sessions"]
