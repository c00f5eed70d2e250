import dataclasses

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from consultation.pdf import pdf_response

from . import exports
from .badges import badge_registrations, render_badges
from .enums import RegistrationStatus
from .models import Registration
from .permissions import (
    PERSONAL_DATA_FIELDS,
    can_view_passport_data,
    mask_personal_value,
)
from .services import change_status


class DelegationMembershipFilter(admin.SimpleListFilter):
    title = _("delegation")
    parameter_name = "in_delegation"

    def lookups(self, request, model_admin):
        return [("yes", _("In a delegation")), ("no", _("No delegation"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(delegation__isnull=False)
        if self.value() == "no":
            return queryset.filter(delegation__isnull=True)
        return queryset


class MaskedHistoryContextHelper(HistoricalRecordContextHelper):
    """Shows that personal data changed in the audit trail, but not its values."""

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        if change.field not in PERSONAL_DATA_FIELDS:
            return formatted
        return dataclasses.replace(
            formatted,
            old=mask_personal_value(change.field, change.old),
            new=mask_personal_value(change.field, change.new),
        )


def _masked(field_name):
    """An admin display that shows a personal data field masked."""

    def display(self, registration):
        return mask_personal_value(field_name, getattr(registration, field_name))

    display.short_description = Registration._meta.get_field(field_name).verbose_name
    display.__name__ = f"masked_{field_name}"
    return display


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = [
        "photo_thumbnail",
        "family_name",
        "given_name",
        "organisation",
        "country",
        "category",
        "role",
        "delegation",
        "status_label",
        "needs_visa_letter",
        "created_at",
        "meeting",
    ]
    list_display_links = ["family_name", "given_name"]
    list_filter = [
        "status",
        "category",
        ("country", CountryFilter),
        "gender",
        "role",
        "needs_visa_letter",
        "meeting",
        DelegationMembershipFilter,
    ]
    list_select_related = ["meeting", "delegation"]
    # Passport data is deliberately not searchable: a search would reveal it.
    search_fields = ["given_name", "family_name", "badge_name", "email", "organisation"]
    date_hierarchy = "created_at"
    # One count query per page instead of two on large lists.
    show_full_result_count = False
    autocomplete_fields = ["meeting"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "status_changed_by",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_selected", "reject_selected"]

    masked_passport_number = _masked("passport_number")
    masked_passport_expiry = _masked("passport_expiry")
    masked_date_of_birth = _masked("date_of_birth")
    masked_emergency_contact_name = _masked("emergency_contact_name")
    masked_emergency_contact_phone = _masked("emergency_contact_phone")

    class Media:
        css = {"all": ["delegates/admin.css"]}

    def get_fieldsets(self, request, obj=None):
        if can_view_passport_data(request.user):
            personal_data = list(PERSONAL_DATA_FIELDS)
        else:
            personal_data = [f"masked_{name}" for name in PERSONAL_DATA_FIELDS]
        return [
            (
                None,
                {
                    "fields": [
                        "meeting",
                        "status",
                        "status_changed_at",
                        "status_changed_by",
                    ]
                },
            ),
            (
                _("Person"),
                {
                    "fields": [
                        "honorific",
                        ("given_name", "family_name"),
                        "badge_name",
                        "gender",
                        "job_title",
                        "organisation",
                        "email",
                        "phone",
                        "photo",
                    ]
                },
            ),
            (
                _("Representation"),
                {
                    "fields": [
                        "category",
                        "country",
                        "nationality",
                        "delegation",
                        "role",
                    ]
                },
            ),
            (
                _("Logistics"),
                {
                    "fields": [
                        "needs_visa_letter",
                        ("arrival_date", "departure_date"),
                        "dietary_requirements",
                        "accessibility_requirements",
                    ]
                },
            ),
            (
                _("Passport and personal data"),
                {
                    "fields": personal_data,
                    "description": _(
                        "Shown only to users allowed to see passport and personal data."
                    ),
                },
            ),
            (_("Consent"), {"fields": ["consent_privacy", "consent_public_list"]}),
            (_("Record"), {"fields": ["created_at", "updated_at"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_view_passport_data(request.user):
            readonly += [f"masked_{name}" for name in PERSONAL_DATA_FIELDS]
        return readonly

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if can_view_passport_data(request.user):
            list_display.append("passport_number")
        else:
            list_display.append("masked_passport_number")
        return list_display

    def get_historical_record_context_helper(self, request, historical_record):
        if can_view_passport_data(request.user):
            return super().get_historical_record_context_helper(
                request, historical_record
            )
        return MaskedHistoryContextHelper(self.model, historical_record)

    @admin.display(description=_("photo"))
    def photo_thumbnail(self, registration):
        if not registration.photo:
            return ""
        return format_html(
            '<img src="{}" alt="{}" class="registration-thumbnail" width="40" '
            'height="40" loading="lazy" decoding="async">',
            registration.photo.url,
            _("Photo of %(name)s") % {"name": registration.full_name},
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, registration):
        return format_html(
            '<span class="status-label status-label--{}">{}</span>',
            registration.status,
            registration.get_status_display(),
        )

    # Export of the filtered list

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "export/<str:file_format>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, file_format):
        """Download the changelist as filtered, searched and ordered on screen."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if file_format not in exports.FORMATS:
            raise Http404(_("Unknown export format."))
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?e=1"
            )
        return exports.export_response(
            changelist.get_queryset(request),
            file_format=file_format,
            include_personal_data=can_view_passport_data(request.user),
        )

    # Status actions

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
