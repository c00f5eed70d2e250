from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.pdf import pdf_response

from .badges import badge_registrations, render_badges
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


# Week of the meeting: badges, letters and announcements from the registration list.


def _badges_action(layout, description):
    @admin.action(description=description, permissions=["view"])
    def print_badges(modeladmin, request, queryset):
        registrations = badge_registrations(queryset)
        skipped = queryset.count() - len(registrations)
        if not registrations:
            modeladmin.message_user(
                request,
                _("None of the selected registrations is approved: no badges printed."),
                messages.WARNING,
            )
            return None
        if skipped:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d selected registration is not approved and has no badge.",
                    "%(count)d selected registrations are not approved and have no "
                    "badges.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        return pdf_response(
            render_badges(registrations, layout=layout),
            f"badges-{layout}.pdf",
            attachment=True,
        )

    print_badges.__name__ = f"print_badges_{layout}"
    return print_badges


RegistrationAdmin.actions = [
    *RegistrationAdmin.actions,
    _badges_action("a4", _("Print badges of the selected, 4 per A4 sheet")),
    _badges_action("a6", _("Print badges of the selected, one per A6 page")),
]
