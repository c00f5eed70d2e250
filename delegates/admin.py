from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .enums import RegistrationStatus
from .models import Registration
from .services import change_status


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
    actions = ["approve_selected", "reject_selected"]
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
        changed = sum(
            change_status(registration, to=to, by=request.user)
            for registration in queryset
        )
        skipped = len(queryset) - changed
        label = RegistrationStatus(to).label.lower()
        self.message_user(
            request,
            ngettext(
                "%(count)d registration %(label)s.",
                "%(count)d registrations %(label)s.",
                changed,
            )
            % {"count": changed, "label": label},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration could not be %(label)s from its status.",
                    "%(count)d registrations could not be %(label)s from their status.",
                    skipped,
                )
                % {"count": skipped, "label": label},
                messages.WARNING,
            )

    @admin.action(
        description=_("Approve selected registrations"), permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.APPROVED)

    @admin.action(
        description=_("Reject selected registrations"), permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        self._change_status(request, queryset, RegistrationStatus.REJECTED)
