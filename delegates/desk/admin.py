"""The record of check-ins, which the desk writes."""

from django.contrib import admin

from agenda.side_events.admin import CheckInSideEventFilter
from consultation.admin_mixins import MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin

from ..models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    meeting_path = "registration__meeting"

    """Who was checked in where and when; the desk records them, organisers may
    delete one made by mistake."""

    deletable = True
    list_display = ["registration", "day", "side_event", "at", "by"]
    list_filter = ["registration__meeting", "day", CheckInSideEventFilter]
    list_select_related = ["registration", "side_event__session__meeting", "by"]
    search_fields = ["registration__given_name", "registration__family_name"]
    date_hierarchy = "at"
    fields = ["registration", "day", "side_event", "at", "by"]
    readonly_fields = fields
