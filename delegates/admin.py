from collections import Counter

from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.models import Meeting

from .enums import RegistrationStatus
from .models import Correction, Registration
from .services import (
    RegistrationError,
    change_status,
    promote_from_waitlist,
    seats_free,
)


class CorrectionInline(admin.TabularInline):
    """What the delegate changed through their private link, newest first."""

    model = Correction
    extra = 0
    can_delete = False
    fields = ["made_at", "what_changed", "previous_status", "reopened_review"]
    readonly_fields = fields
    verbose_name_plural = _("corrections made by the delegate")

    @admin.display(description=_("what changed"))
    def what_changed(self, correction):
        return format_html_join(
            "",
            "<div><strong>{}</strong>: {} → {}</div>",
            (
                (change["label"], change["old"], change["new"])
                for change in correction.changes.values()
            ),
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "family_name",
        "given_name",
        "organisation",
        "country",
        "category",
        "status",
        "created_at",
        "meeting",
    ]
    list_display_links = ["family_name", "given_name"]
    list_filter = ["meeting", "status", "category", "country"]
    list_select_related = ["meeting"]
    search_fields = ["given_name", "family_name", "email", "organisation"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "status",
        "status_changed_at",
        "status_changed_by",
        "created_at",
        "updated_at",
    ]
    actions = [
        "approve_selected",
        "waitlist_selected",
        "reject_selected",
        "cancel_selected",
        "promote_waitlisted",
    ]
    inlines = [CorrectionInline]
    fieldsets = [
        (
            None,
            {"fields": ["meeting", "status", "status_changed_at", "status_changed_by"]},
        ),
        (
            _("Person"),
            {
                "fields": [
                    "honorific",
                    "given_name",
                    "family_name",
                    "job_title",
                    "organisation",
                    "email",
                ]
            },
        ),
        (_("Representation"), {"fields": ["category", "country"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def _change_status(self, request, queryset, to):
        """Apply one decision to each selected registration and report the outcome."""
        reached = Counter()
        refused = []
        for registration in queryset.select_related("meeting"):
            try:
                reached[change_status(registration, to=to, by=request.user)] += 1
            except RegistrationError as error:
                refused.append(str(error))
        for status, count in reached.items():
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration %(label)s.",
                    "%(count)d registrations %(label)s.",
                    count,
                )
                % {"count": count, "label": RegistrationStatus(status).label.lower()},
                messages.SUCCESS,
            )
        if to == RegistrationStatus.APPROVED and reached[RegistrationStatus.WAITLISTED]:
            self.message_user(
                request,
                _("The meeting is full: the others were put on the waiting list."),
                messages.WARNING,
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
        if to == RegistrationStatus.CANCELLED:
            self._report_free_seats(request, queryset)

    def _report_free_seats(self, request, queryset):
        meetings = Meeting.objects.filter(
            pk__in=queryset.values("meeting"), auto_promote_waitlist=False
        )
        for meeting in meetings:
            free = seats_free(meeting)
            waiting = meeting.registrations.filter(
                status=RegistrationStatus.WAITLISTED
            ).exists()
            if free and waiting:
                self.message_user(
                    request,
                    ngettext(
                        "%(meeting)s has %(count)d free seat: use “Promote from the "
                        "waiting list” to offer it.",
                        "%(meeting)s has %(count)d free seats: use “Promote from the "
                        "waiting list” to offer them.",
                        free,
                    )
                    % {"meeting": meeting.short_name, "count": free},
                    messages.INFO,
                )

    @admin.action(
        description=_("Approve selected registrations (waitlist beyond capacity)"),
        permissions=["change"],
    )
    def approve_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.APPROVED)

    @admin.action(
        description=_("Put selected registrations on the waiting list"),
        permissions=["change"],
    )
    def waitlist_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.WAITLISTED)

    @admin.action(
        description=_("Reject selected registrations"), permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.REJECTED)

    @admin.action(
        description=_("Cancel selected registrations"), permissions=["change"]
    )
    def cancel_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.CANCELLED)

    @admin.action(
        description=_(
            "Promote from the waiting list (fill the free seats of the selected "
            "registrations' meetings, in waiting order)"
        ),
        permissions=["change"],
    )
    def promote_waitlisted(self, request, queryset):
        promoted = []
        for meeting in Meeting.objects.filter(pk__in=queryset.values("meeting")):
            try:
                promoted += promote_from_waitlist(meeting=meeting, by=request.user)
            except RegistrationError as error:
                self.message_user(request, str(error), messages.WARNING)
        if promoted:
            names = ", ".join(registration.full_name for registration in promoted)
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration promoted from the waiting list: %(names)s.",
                    "%(count)d registrations promoted from the waiting list: "
                    "%(names)s.",
                    len(promoted),
                )
                % {"count": len(promoted), "names": names},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("Nobody was promoted: no free seat, or nobody is waiting."),
                messages.WARNING,
            )
