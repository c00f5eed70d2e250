"""Announcements in the admin: the action that writes one, and the record of each."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.admin_mixins import MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin
from consultation.content_languages import columns
from consultation.models import Meeting

from ..enums import DeliveryStatus
from ..models import Announcement, AnnouncementRecipient
from ..services import RegistrationError
from .forms import AnnouncementForm
from .selectors import delivery_report
from .services import (
    announcement_email,
    meetings_of,
    send_announcement,
)

PREVIEW_RECIPIENTS = 50


class AnnouncementActionMixin:
    """The registration list's action "send_announcement_action": write, preview,
    then send one email per selected person."""

    def has_send_announcement_permission(self, request):
        return request.user.has_perm("delegates.add_announcement")

    @admin.action(
        description=_("Send an announcement to the selected"),
        permissions=["send_announcement"],
    )
    def send_announcement_action(self, request, queryset):
        """Write, preview, then confirm: a page between the list and the sending.

        Only the recipients shown on the page are loaded: the selection itself,
        however large, stays a query until the recipients are written from it.
        """
        registrations = queryset.select_related("meeting").order_by("email", "pk")
        meeting_ids = meetings_of(queryset)
        if not meeting_ids:
            return self._nobody_selected(request)
        step = request.POST.get("announcement_step", "")
        if len(meeting_ids) > 1:
            self.message_user(
                request,
                _(
                    "Select registrations of one meeting: an announcement is per "
                    "meeting."
                ),
                messages.ERROR,
            )
            return None
        meeting = Meeting.objects.get(pk=meeting_ids[0])
        form = AnnouncementForm(request.POST if step else None, meeting=meeting)
        if step == "send" and form.is_valid():
            try:
                announcement = send_announcement(
                    registrations=queryset,
                    subject=form.subjects(),
                    body=form.bodies(),
                    by=request.user,
                )
            except RegistrationError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self._report_delivery(request, announcement)
            return HttpResponseRedirect(
                reverse("admin:delegates_announcement_change", args=[announcement.pk])
            )
        shown = list(registrations[:PREVIEW_RECIPIENTS])
        if not shown:
            return self._nobody_selected(request)
        recipient_count = (
            len(shown) if len(shown) < PREVIEW_RECIPIENTS else registrations.count()
        )
        preview = None
        if step == "preview" and form.is_valid():
            first = shown[0]
            sample = Announcement(
                meeting=meeting,
                **columns("subject", form.subjects()),
                **columns("body", form.bodies()),
            )
            preview = announcement_email(
                sample, AnnouncementRecipient(registration=first, email=first.email)
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Send an announcement"),
            "form": form,
            "preview": preview,
            "recipient_count": recipient_count,
            "shown_recipients": shown,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "send_announcement_action",
        }
        return TemplateResponse(
            request, "admin/delegates/registration/send_announcement.html", context
        )

    def _nobody_selected(self, request):
        # The selected were deleted meanwhile, or "select all" matched nobody.
        self.message_user(
            request,
            _("Nobody is selected: select at least one registration to write to."),
            messages.ERROR,
        )

    def _report_delivery(self, request, announcement):
        # Delivery runs after commit, so the announcement's page reports how it went.
        count = delivery_report(announcement).total
        self.message_user(
            request,
            ngettext(
                "“%(subject)s” is on its way to %(count)d person; below is how each "
                "delivery went.",
                "“%(subject)s” is on its way to %(count)d people; below is how each "
                "delivery went.",
                count,
            )
            % {"subject": announcement.subject, "count": count},
            messages.SUCCESS,
        )


class AnnouncementRecipientInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Who got it; failures sort first (failed, pending, sent)."""

    model = AnnouncementRecipient
    fields = ["email", "registration", "status", "error", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration")


@admin.register(Announcement)
class AnnouncementAdmin(
    MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """The record of what was sent to whom; announcements are written from the
    registration list (action "Send an announcement to the selected")."""

    deletable = True

    list_display = ["subject", "meeting", "sent_by", "created_at", "sent", "failed"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "sent_by"]
    search_fields = ["subject", "recipients__email"]
    fields = ["meeting", "subject", "body", "sent_by", "created_at", "delivery"]
    readonly_fields = fields
    inlines = [AnnouncementRecipientInline]

    class Media:
        js = ["consultation/follow.js", "delegates/announcement_delivery.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count(
                    "recipients", filter=Q(recipients__status=DeliveryStatus.SENT)
                ),
                failed_count=Count(
                    "recipients", filter=Q(recipients__status=DeliveryStatus.FAILED)
                ),
            )
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/delivery/",
                self.admin_site.admin_view(self.delivery_view),
                name="delegates_announcement_delivery",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("delivery"))
    def delivery(self, announcement):
        """Counts by status, and every address that failed, in one line.

        While emails wait, the page's script follows them without a reload
        (announcement_delivery.js); without it, the "Refresh" link does.
        """
        report = delivery_report(announcement)
        if not report.waiting:
            return report.summary
        return format_html(
            '<span role="status" aria-live="polite" data-announcement-delivery="{}">'
            '{}</span> <a href="{}">{}</a> {}',
            reverse("admin:delegates_announcement_delivery", args=[announcement.pk]),
            report.summary,
            reverse("admin:delegates_announcement_change", args=[announcement.pk]),
            _("Refresh"),
            _("This page also follows the delivery by itself while it is open."),
        )

    def delivery_view(self, request, object_id):
        """The delivery's counts as JSON, for the announcement page's script."""
        announcement = self.get_object(request, unquote(object_id))
        if announcement is None or not self.has_view_permission(request, announcement):
            raise PermissionDenied
        report = delivery_report(announcement)
        return JsonResponse(
            {
                "sent": report.sent,
                "failed": report.failed,
                "waiting": report.waiting,
                "summary": report.summary,
                "finished": not report.waiting,
            }
        )

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, announcement):
        return announcement.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, announcement):
        return announcement.failed_count
