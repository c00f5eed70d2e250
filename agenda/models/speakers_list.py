"""Lists of speakers: delegations inscribe speakers on an item, in protocol order."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import SpeakingLevel
from .programme import AgendaItem


class ListOfSpeakers(models.Model):
    """The list of speakers on one agenda item, opened and closed by the organiser."""

    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="list_of_speakers",
        verbose_name=_("agenda item"),
    )
    is_open = models.BooleanField(
        _("open for inscriptions"),
        default=False,
        help_text=_(
            "Delegations inscribe speakers from their private links while open."
        ),
    )
    inscriptions_per_delegation = models.PositiveSmallIntegerField(
        _("speakers per delegation"),
        default=1,
        help_text=_("How many speakers each delegation may inscribe on this item."),
    )
    speaking_time = models.DurationField(
        _("speaking time"),
        default=datetime.timedelta(minutes=3),
        help_text=_("Time given to each speaker, e.g. 00:03:00 for three minutes."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = [
            "agenda_item__meeting",
            "agenda_item__number",
            "agenda_item__sub_letter",
            "pk",
        ]
        verbose_name = _("list of speakers")
        verbose_name_plural = _("lists of speakers")
        constraints = [
            models.CheckConstraint(
                condition=Q(inscriptions_per_delegation__gte=1),
                name="list_of_speakers_allows_one_speaker_or_more",
                violation_error_message=_(
                    "Each delegation may inscribe at least one speaker."
                ),
            ),
            models.CheckConstraint(
                condition=Q(speaking_time__gt=datetime.timedelta(0)),
                name="list_of_speakers_speaking_time_positive",
                violation_error_message=_("The speaking time must be more than zero."),
            ),
        ]

    def __str__(self):
        return str(self.agenda_item)

    def get_absolute_url(self):
        return reverse(
            "speakers_list:public",
            kwargs={"meeting_slug": self.agenda_item.meeting.slug, "pk": self.pk},
        )

    @property
    def speaking_seconds(self):
        return int(self.speaking_time.total_seconds())


class Inscription(models.Model):
    """One speaker of a delegation on a list, at its place in the speaking order.

    ``position`` is the place in the order (1 first); ``protocol_rank`` is the rank
    the inscription was placed by (lower speaks earlier), kept so that later
    inscriptions find their place after the organiser has moved someone.
    """

    list_of_speakers = models.ForeignKey(
        ListOfSpeakers,
        on_delete=models.CASCADE,
        related_name="inscriptions",
        verbose_name=_("list of speakers"),
    )
    delegation = models.ForeignKey(
        "delegates.Delegation",
        on_delete=models.CASCADE,
        related_name="speaker_inscriptions",
        verbose_name=_("delegation"),
    )
    speaker = models.ForeignKey(
        "delegates.Registration",
        on_delete=models.CASCADE,
        related_name="speaker_inscriptions",
        verbose_name=_("speaker"),
    )
    level = models.CharField(_("speaks as"), max_length=30, choices=SpeakingLevel)
    protocol_rank = models.PositiveSmallIntegerField(_("protocol rank"))
    position = models.PositiveIntegerField(_("place in the order"))
    inscribed_at = models.DateTimeField(_("inscribed"), default=timezone.now)
    inscribed_by = models.ForeignKey(
        "delegates.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inscribed by"),
        help_text=_("Empty when the delegation's focal point inscribed the speaker."),
    )
    started_at = models.DateTimeField(_("took the floor"), null=True, blank=True)
    spoken_at = models.DateTimeField(_("spoke"), null=True, blank=True)

    class Meta:
        ordering = ["list_of_speakers", "position", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            # Deferred: moving a speaker shifts the others' places in one statement.
            models.UniqueConstraint(
                fields=["list_of_speakers", "position"],
                name="unique_place_per_list_of_speakers",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(
                fields=["list_of_speakers", "speaker"],
                name="speaker_inscribed_once_per_list",
                violation_error_message=_(
                    "This person is already on the list of speakers."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__in=SpeakingLevel.values),
                name="inscription_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="inscription_position_from_one",
            ),
            models.CheckConstraint(
                condition=Q(spoken_at__isnull=True) | Q(started_at__isnull=False),
                name="inscription_spoke_after_taking_the_floor",
            ),
            models.CheckConstraint(
                condition=Q(spoken_at__isnull=True) | Q(spoken_at__gte=F("started_at")),
                name="inscription_spoke_after_it_started",
            ),
        ]
        indexes = [models.Index(fields=["list_of_speakers", "delegation"])]

    def __str__(self):
        return f"{self.position}. {self.delegation}: {self.speaker}"

    @property
    def has_spoken(self):
        return self.spoken_at is not None

    @property
    def is_speaking(self):
        return self.started_at is not None and self.spoken_at is None


class SpeakerMove(models.Model):
    """The organiser moved a speaker to another place: who, when, from where, why."""

    inscription = models.ForeignKey(
        Inscription,
        on_delete=models.CASCADE,
        related_name="moves",
        verbose_name=_("inscription"),
    )
    from_position = models.PositiveIntegerField(_("from place"))
    to_position = models.PositiveIntegerField(_("to place"))
    reason = models.CharField(_("reason"), max_length=300)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("moved by"),
    )
    moved_at = models.DateTimeField(_("moved"), default=timezone.now)

    class Meta:
        ordering = ["inscription", "moved_at", "pk"]
        verbose_name = _("move in the list of speakers")
        verbose_name_plural = _("moves in the list of speakers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_position=F("to_position")),
                name="speaker_move_changes_the_place",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="speaker_move_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.inscription.speaker}: {self.from_position} → {self.to_position}"
