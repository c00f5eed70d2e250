import dataclasses
import functools
from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from agenda.side_events.admin import SideEventFilter
from consultation.admin_mixins import (
    MeetingTimeZoneAdminMixin,
    ReadOnlyAdminMixin,
    ReadOnlyHistoryAdmin,
)
from consultation.jobs.admin import redirect_to_job
from consultation.models import Meeting
from consultation.outbox.admin import can_view_mails, mails_table
from consultation.signin.second_factor import confirm_second_factor_url
from consultation.signin.services import record_personal_data_export
from consultation.stale_edits import VersionedAdmin
from consultation.webhooks.enums import WebhookEvent
from consultation.widgets import TolerantAutocompleteAdmin

from . import exports
from .announcements.admin import AnnouncementActionMixin

# The delegations' and the desk's own admin pages register themselves here.
from .bilaterals import admin as bilaterals_admin  # noqa: F401
from .delegations import admin as delegations_admin  # noqa: F401
from .desk import admin as desk_admin  # noqa: F401
from .enums import RegistrationStatus
from .forms import RegistrationAdminForm
from .list_columns.admin import DEFAULT_COLUMNS, RegistrationColumnsMixin
from .models import ParticipationStatistics, Registration
from .participants.selectors import meeting_statistics
from .permissions import (
    PERSONAL_DATA_FIELDS,
    can_view_passport_data,
    mask_personal_value,
    passport_data_shown,
)
from .printing.admin import PrintingActionsMixin
from .questions.admin import AnswerFilter, RegistrationAnswersAdminMixin
from .questions.selectors import answer_tallies
from .services import (
    RegistrationError,
    change_status,
    promote_from_waitlist,
    seats_free,
)
from .uploads.admin import (
    PrivateFilesAdminMixin,
    PrivateFilesHistoryHelper,
    private_file_link,
)
from .vetting.admin import RegistrationDecisionsMixin
from .webhooks import registration_event


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


class MaskedHistoryContextHelper(PrivateFilesHistoryHelper):
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


COUNTRY_FIELD = Registration._meta.get_field("country")
# A status's label without get_status_display(), which translates every choice.
STATUS_LABELS = dict(RegistrationStatus.choices)


@functools.lru_cache(maxsize=1024)
def _country_name(code, language):
    """A country's name in a language; the list asks for it in every row."""
    with translation.override(language):
        return COUNTRY_FIELD.countries.name(code)


@functools.lru_cache(maxsize=64)
def _status_label(status, language):
    """A status as a coloured label in a language; the list shows it in every row."""
    with translation.override(language):
        return format_html(
            '<span class="status-label status-label--{}">{}</span>',
            status,
            STATUS_LABELS.get(status, status),
        )


class UsedCountryFilter(CountryFilter):
    """django-countries' filter, naming only the countries that registrations have.

    Its own builds the choices of all 250 countries on every page and keeps those
    in use; this one goes through the countries' list, sorted once per language.
    """

    def lookup_choices(self, changelist):
        in_use = set(
            changelist.model._default_manager.values_list(self.field_path, flat=True)
            .order_by()
            .distinct()
        )
        for code, name in _sorted_countries(translation.get_language()):
            if code in in_use:
                yield code, name


@functools.lru_cache(maxsize=16)
def _sorted_countries(language):
    """All countries, sorted by their name in a language (250 names translated)."""
    with translation.override(language):
        return [(code, str(name)) for code, name in COUNTRY_FIELD.countries]


# What the registration list's columns read: a page of 100 registrations parses
# no phone numbers and copies no meeting description.
LIST_FIELDS = [
    "photo",
    "given_name",
    "family_name",
    "family_name_first",
    "organisation",
    "job_title",
    "email",
    "country",
    "category",
    "role",
    "delegation__name",
    "status",
    "gender",
    "needs_visa_letter",
    "arrival_date",
    "departure_date",
    "created_at",
    # The meeting's title in every language and its main language, which the
    # translated title falls back to (consultation/content_languages.py).
    *(f"meeting__title_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES),
    "meeting__main_language",
    "passport_number",
]


class RegistrationChangeList(ChangeList):
    """The registration list, whose page loads only what its columns show."""

    def get_results(self, request):
        super().get_results(request)
        # The page's rows only: actions and exports read whole registrations.
        self.result_list = self.result_list.only(*LIST_FIELDS)


@admin.register(Registration)
class RegistrationAdmin(
    PrivateFilesAdminMixin,
    TolerantAutocompleteAdmin,
    RegistrationAnswersAdminMixin,
    MeetingTimeZoneAdminMixin,
    RegistrationDecisionsMixin,
    RegistrationColumnsMixin,
    PrintingActionsMixin,
    AnnouncementActionMixin,
    VersionedAdmin,
    ReadOnlyHistoryAdmin,
):
    form = RegistrationAdminForm
    private_files = {"photo": "photo_file"}
    # The columns each organiser chooses: see list_columns/admin.py.
    list_display = DEFAULT_COLUMNS
    list_display_links = ["family_name", "given_name"]
    list_filter = [
        "status",
        "category",
        ("country", UsedCountryFilter),
        "gender",
        "role",
        "attendance",
        "needs_visa_letter",
        # Today, the past 7 days, this month: no query, where a date hierarchy
        # reads every registration's date on every page.
        ("created_at", admin.DateFieldListFilter),
        "meeting",
        DelegationMembershipFilter,
        SideEventFilter,
        AnswerFilter,
    ]
    list_select_related = ["meeting", "delegation"]
    # Passport data is deliberately not searchable: a search would reveal it.
    search_fields = ["given_name", "family_name", "badge_name", "email", "organisation"]
    # One count query per page instead of two on large lists.
    show_full_result_count = False
    autocomplete_fields = ["meeting", "delegation"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "status_changed_by",
        "created_at",
        "updated_at",
        "delegate_corrections",
        "registration_answers",
        "emails",
    ]
    actions = [
        "approve_selected",
        "waitlist_selected",
        "reject_selected",
        "cancel_selected",
        "promote_waitlisted",
        "print_badges_a4",
        "print_badges_a6",
        "reissue_badges",
        "visa_letters",
        "send_announcement_action",
    ]

    masked_passport_number = _masked("passport_number")
    masked_passport_expiry = _masked("passport_expiry")
    masked_date_of_birth = _masked("date_of_birth")
    masked_emergency_contact_name = _masked("emergency_contact_name")
    masked_emergency_contact_phone = _masked("emergency_contact_phone")

    class Media:
        css = {"all": ["delegates/admin.css"]}

    def get_changelist(self, request, **kwargs):
        return RegistrationChangeList

    def save_model(self, request, obj, form, change):
        """Save, and tell the webhooks of an organiser's edit, in its transaction."""
        super().save_model(request, obj, form, change)
        if not change:
            registration_event(obj, WebhookEvent.REGISTRATION_SUBMITTED)
        elif form.has_changed():
            registration_event(obj, WebhookEvent.REGISTRATION_CHANGED)

    def get_fieldsets(self, request, obj=None):
        if passport_data_shown(request):
            personal_data = list(PERSONAL_DATA_FIELDS)
        else:
            personal_data = [f"masked_{name}" for name in PERSONAL_DATA_FIELDS]
        fieldsets = [
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
                        "family_name_first",
                        "badge_name",
                        "gender",
                        "job_title",
                        "organisation",
                        "email",
                        "phone",
                        "language",
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
                        "attendance",
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
                    "description": self._personal_data_description(request),
                },
            ),
            (_("Registration questions"), {"fields": ["registration_answers"]}),
            (_("Consent"), {"fields": ["consent_privacy", "consent_public_list"]}),
            (_("Record"), {"fields": ["created_at", "updated_at"]}),
            (
                _("Corrections by the delegate"),
                {"fields": ["delegate_corrections"]},
            ),
        ]
        if obj is not None and can_view_mails(request.user):
            fieldsets.append((_("Emails"), {"fields": ["emails"]}))
        fieldsets = self.with_neutral_file_names(request, obj, fieldsets)
        return self.with_version_field(request, obj, fieldsets)

    def _personal_data_description(self, request):
        shown_to = _("Shown only to users allowed to see passport and personal data.")
        if not can_view_passport_data(request.user) or passport_data_shown(request):
            return shown_to
        return format_html(
            '{} <a href="{}">{}</a>',
            shown_to,
            confirm_second_factor_url(request.get_full_path()),
            _("Confirm your second factor to see them."),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not passport_data_shown(request):
            readonly += [f"masked_{name}" for name in PERSONAL_DATA_FIELDS]
        return readonly

    def get_historical_record_context_helper(self, request, historical_record):
        if passport_data_shown(request):
            return super().get_historical_record_context_helper(
                request, historical_record
            )
        return MaskedHistoryContextHelper(self.model, historical_record)

    @admin.display(description=_("emails to this delegate"))
    def emails(self, registration):
        return mails_table(registration.outgoing_mails.all())

    @admin.display(description=_("corrections made through the private link"))
    def delegate_corrections(self, registration):
        """What the delegate changed, newest first; review ones are flagged."""
        corrections = registration.corrections.all() if registration.pk else []
        if not corrections:
            return _("None.")
        return format_html(
            '<ul class="delegate-corrections">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong>{}<ul>{}</ul></li>",
                (
                    (
                        date_format(
                            timezone.localtime(correction.made_at), "DATETIME_FORMAT"
                        ),
                        _(" (was approved: sent back for review)")
                        if correction.reopened_review
                        else "",
                        format_html_join(
                            "",
                            "<li>{}: {} → {}</li>",
                            (
                                (change["label"], change["old"], change["new"])
                                for change in correction.changes.values()
                            ),
                        ),
                    )
                    for correction in corrections
                ),
            ),
        )

    @admin.display(description=_("badge photo"))
    def photo_file(self, registration):
        return private_file_link(registration.photo, label=_("Badge photo"))

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

    # Django's own checkbox renders a form widget's template for every row; the
    # markup is the same.
    def action_checkbox(self, registration):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(registration.pk),
            format_html(
                gettext("Select this object for an action - {}"), str(registration)
            ),
        )

    # Django's own "country" column builds the list of all countries for every row.
    @admin.display(
        description=COUNTRY_FIELD.verbose_name,
        ordering="country",
    )
    def country_name(self, registration):
        return _country_name(registration.country, translation.get_language()) or None

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, registration):
        return _status_label(registration.status, translation.get_language())

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
        """Download the changelist as filtered, searched and ordered on screen.

        Beyond JOBS_INLINE_LIMIT rows a job makes the file (see exports.py).
        """
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
        registrations = changelist.get_queryset(request)
        include_personal_data = can_view_passport_data(request.user)
        if include_personal_data and not passport_data_shown(request):
            return HttpResponseRedirect(
                confirm_second_factor_url(request.get_full_path())
            )
        count = registrations.count()
        record_personal_data_export(
            user=request.user,
            what=gettext("Registrations (%(format)s)") % {"format": file_format},
            rows=count,
            passport_data=include_personal_data,
        )
        if count > settings.JOBS_INLINE_LIMIT:
            job = exports.start_export_job(
                registrations=registrations,
                file_format=file_format,
                include_personal_data=include_personal_data,
                by=request.user,
            )
            return redirect_to_job(self, request, job)
        return exports.export_response(
            registrations,
            file_format=file_format,
            include_personal_data=include_personal_data,
        )

    # Status actions

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


@admin.register(ParticipationStatistics)
class ParticipationStatisticsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The statistics page, on the admin index for those who may see registrations."""

    def has_module_permission(self, request):
        return request.user.has_perm("delegates.view_registration")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("delegates.view_registration")

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="delegates_participationstatistics_changelist",
            )
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        meetings = list(Meeting.objects.order_by("-start_date", "pk"))
        meeting = _chosen_meeting(request, meetings)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Participation statistics"),
            "meetings": meetings,
            "meeting": meeting,
            "statistics": meeting_statistics(meeting) if meeting else None,
            "answer_tallies": answer_tallies(meeting) if meeting else [],
        }
        return TemplateResponse(request, "admin/delegates/statistics.html", context)


def _chosen_meeting(request, meetings):
    """The meeting asked for in ?meeting=, else the next one to take place."""
    chosen = request.GET.get("meeting", "")
    by_pk = {str(meeting.pk): meeting for meeting in meetings}
    if chosen in by_pk:
        return by_pk[chosen]
    today = timezone.localdate()
    upcoming = [meeting for meeting in meetings if meeting.end_date >= today]
    if upcoming:
        return upcoming[-1]
    return meetings[0] if meetings else None
