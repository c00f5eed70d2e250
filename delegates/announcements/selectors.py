"""Reads of announcements: how the delivery of one is going."""

import dataclasses

from django.db.models import Count
from django.utils.translation import gettext as _

from ..enums import DeliveryStatus
from ..models import Announcement


@dataclasses.dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int
    waiting: int
    failed_emails: list[str]

    @property
    def total(self) -> int:
        """Everyone the announcement goes to."""
        return self.sent + self.failed + self.waiting

    @property
    def summary(self) -> str:
        """ "12 sent, 1 failed, 3 waiting." and the addresses that failed."""
        summary = _("%(sent)d sent, %(failed)d failed, %(pending)d waiting.") % {
            "sent": self.sent,
            "failed": self.failed,
            "pending": self.waiting,
        }
        if self.failed_emails:
            summary += " " + _("Not delivered to: %(emails)s.") % {
                "emails": ", ".join(self.failed_emails)
            }
        return summary


def delivery_report(announcement) -> DeliveryReport:
    """Counts by status in three small queries; those a worker has not yet written as
    recipients wait too."""
    counts = dict(
        announcement.recipients.order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    unwritten = (
        Announcement.objects.filter(pk=announcement.pk)
        .values_list("unwritten_selection", flat=True)
        .get()
    )
    failed_emails = sorted(
        announcement.recipients.filter(status=DeliveryStatus.FAILED).values_list(
            "email", flat=True
        )
    )
    return DeliveryReport(
        sent=counts.get(DeliveryStatus.SENT, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0),
        waiting=counts.get(DeliveryStatus.PENDING, 0) + len(unwritten),
        failed_emails=failed_emails,
    )
