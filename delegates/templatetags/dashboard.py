"""The meeting dashboard on the admin index (templates/admin/index.html)."""

from django import template

from consultation.outbox.admin import can_view_mails
from delegates.dashboard.selectors import current_meetings, meeting_dashboard
from delegates.permissions import CHECK_IN_PERMISSION

register = template.Library()


@register.inclusion_tag("admin/delegates/_dashboard.html")
def meeting_dashboards(user):
    """A dashboard per current meeting, for staff who may view registrations."""
    if not user.has_perm("delegates.view_registration"):
        return {"dashboards": []}
    return {
        "dashboards": [meeting_dashboard(meeting) for meeting in current_meetings()],
        "can_view_mails": can_view_mails(user),
        "can_check_in": user.has_perm(CHECK_IN_PERMISSION),
    }
