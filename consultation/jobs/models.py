from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..uploads import private_storage
from .enums import FINISHED, JobStatus


class Job(models.Model):
    """Long work an organiser started (badges, letters, an export), done by a worker.

    Its file lives in the private storage until ``expires_at``; only its creator
    and users holding ``view_permission`` see the job and download the file.
    """

    kind = models.CharField(_("kind"), max_length=60)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus, default=JobStatus.QUEUED
    )
    parameters = models.JSONField(
        _("parameters"), default=dict, help_text=_("What the work is done on.")
    )
    view_permission = models.CharField(
        _("permission to view"),
        max_length=100,
        help_text=_("Besides its creator, who may see the job and its file."),
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"))
    error = models.TextField(_("error"), blank=True)
    notes = models.JSONField(
        _("notes"), default=list, help_text=_("Rows left out, and why.")
    )
    result = models.FileField(
        _("file"), storage=private_storage, upload_to="jobs/", blank=True
    )
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("file kept until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("meeting"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("handed to the workers"), null=True)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        help_text=_("Set by the worker as it goes; past the lease, another may."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(status__in=["queued", "running"]),
                name="job_unfinished",
            ),
            models.Index(
                fields=["expires_at"],
                condition=~Q(result=""),
                name="job_result_to_expire",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="job_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="job_done_within_total"
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.FAILED) | ~Q(error=""),
                name="job_failure_has_error",
            ),
            models.CheckConstraint(
                condition=Q(status__in=FINISHED, finished_at__isnull=False)
                | (~Q(status__in=FINISHED) & Q(finished_at__isnull=True)),
                name="job_finished_iff_finished_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.RUNNING) | Q(heartbeat_at__isnull=False),
                name="job_running_has_heartbeat",
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(expires_at__isnull=False),
                name="job_result_expires",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    def get_download_url(self):
        return reverse("jobs:download", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED
