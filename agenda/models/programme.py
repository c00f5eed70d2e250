from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import SessionKind


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

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"], name="unique_room_name_per_meeting"
            )
        ]

    def __str__(self):
        return self.name


class SessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Session(models.Model):
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(_("published"), default=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start", "end", "title", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "slug"], name="unique_session_slug_per_meeting"
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
        if self.room_id and self.meeting_id and self.room.meeting_id != self.meeting_id:
            raise ValidationError({"room": _("This room belongs to another meeting.")})

    @property
    def local_start(self):
        return self.start.astimezone(self.meeting.tzinfo)

    @property
    def local_end(self):
        return self.end.astimezone(self.meeting.tzinfo)
