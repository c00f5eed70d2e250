import contextlib
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from consultation.admin_mixins import (
    ContentLanguagesAdmin,
    ContentLanguagesInline,
    MeetingTimeZoneAdminMixin,
    ReadOnlyAdminMixin,
)
from consultation.models import Meeting
from consultation.widgets import TolerantAutocompleteAdmin

from .exceptions import AgendaError
from .forms import SessionAdminForm
from .models import (
    AgendaItem,
    Document,
    DocumentFile,
    ProgrammeVersion,
    Room,
    Session,
    SessionRole,
    Speaker,
    Track,
)
from .selectors import latest_version

# Registers the side events' admin pages.
from .side_events import admin as side_events_admin  # noqa: F401

# Registers the lists of speakers' admin pages.
from .speakers_list import admin as speakers_list_admin  # noqa: F401
from .versions import pending_changes, publish_programme_version

ROOM_CONSTRAINT = "session_room_not_double_booked"


class SessionDayFilter(admin.SimpleListFilter):
    """Sessions on one day of their meeting, counted in the meeting's time zone."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        meetings = Meeting.objects.order_by("start_date", "slug")
        # No meeting chosen, or a malformed id that the meeting filter refuses: all.
        with contextlib.suppress(TypeError, ValueError):
            meetings = meetings.filter(pk=int(request.GET.get("meeting__id__exact")))
        days = sorted({day for meeting in meetings for day in meeting.days})
        return [(day.isoformat(), day.strftime("%a %d %b %Y")) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = datetime.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        on_day = Q(pk__in=[])
        for meeting in Meeting.objects.filter(start_date__lte=day, end_date__gte=day):
            midnight = datetime.datetime.combine(day, datetime.time.min, meeting.tzinfo)
            on_day |= Q(
                meeting=meeting,
                start__gte=midnight,
                start__lt=midnight + datetime.timedelta(days=1),
            )
        return queryset.filter(on_day)


@admin.register(Room)
class RoomAdmin(ContentLanguagesAdmin):
    list_display = ["name", "meeting", "capacity", "location_notes", "takes_bilaterals"]
    list_filter = ["meeting", "takes_bilaterals"]
    list_select_related = ["meeting"]
    search_fields = ["name", "location_notes"]
    fields = [
        "meeting",
        "name",
        "capacity",
        "location_notes",
        "takes_bilaterals",
        ("bilaterals_from", "bilaterals_until"),
        "confirmed_bilaterals",
    ]
    readonly_fields = ["confirmed_bilaterals"]

    @admin.display(description=_("confirmed bilateral meetings"))
    def confirmed_bilaterals(self, room):
        """The room's confirmed bookings, by day, in the meeting's time."""
        bookings = (
            room.bilateral_requests.filter(status="confirmed")
            .select_related("requested_by", "counterpart")
            .order_by("start")
            if room.pk
            else []
        )
        if not bookings:
            return _("None.")
        tz = room.meeting.tzinfo
        items = format_html_join(
            "",
            "<li>{} {}–{}: {}</li>",
            (
                (
                    booking.start.astimezone(tz).strftime("%a %d %b"),
                    booking.start.astimezone(tz).strftime("%H:%M"),
                    booking.end.astimezone(tz).strftime("%H:%M"),
                    str(booking),
                )
                for booking in bookings
            ),
        )
        return format_html("<ul>{}</ul>", items)


@admin.register(Track)
class TrackAdmin(ContentLanguagesAdmin):
    list_display = ["name", "meeting"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SessionRoleInline(TolerantAutocompleteAdmin, admin.TabularInline):
    model = SessionRole
    fields = ["position", "role", "speaker", "remarks"]
    autocomplete_fields = ["speaker"]
    ordering = ["position", "pk"]
    extra = 1


class MeetingDocumentFormSet(BaseInlineFormSet):
    """Documents added beside a session or an agenda item belong to its meeting."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.meeting_id = self.instance.meeting_id
        return form


class SessionDocumentInline(ContentLanguagesInline):
    """The documents of a session; their files in each language on their own page."""

    model = Document
    fk_name = "session"
    fields = ["symbol", "kind", "title", "published"]
    formset = MeetingDocumentFormSet
    show_change_link = True
    extra = 0


class AgendaItemSessionInline(TolerantAutocompleteAdmin, admin.TabularInline):
    model = AgendaItem.sessions.through
    verbose_name = _("agenda item taken up")
    verbose_name_plural = _("agenda items taken up")
    autocomplete_fields = ["agendaitem"]
    extra = 0


@admin.register(Session)
class SessionAdmin(
    TolerantAutocompleteAdmin, MeetingTimeZoneAdminMixin, ContentLanguagesAdmin
):
    form = SessionAdminForm
    inlines = [SessionRoleInline, AgendaItemSessionInline, SessionDocumentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "kind",
        "local_start_display",
        "end",
        "room",
        "track",
        "published",
    ]
    list_filter = [
        "meeting",
        SessionDayFilter,
        "kind",
        "track",
        "room",
        "published",
    ]
    list_select_related = ["meeting", "room", "track"]
    list_editable = ["published"]
    search_fields = ["title", "description", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    autocomplete_fields = ["room", "track"]

    def get_queryset(self, request):
        # The rooms held for bilateral meetings are decided on their own page.
        return super().get_queryset(request).filter(bilateral_request__isnull=True)

    @admin.display(description=_("starts (meeting time)"), ordering="start")
    def local_start_display(self, session):
        return session.local_start.strftime("%a %d %b %Y, %H:%M %Z")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        publish_url = reverse(
            "admin:agenda_programmeversion_publish", args=[form.instance.meeting_id]
        )
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "The public sees the programme as last published; this edit "
                    "shows once a new version is published."
                ),
                publish_url,
                _("Review the changes and publish"),
            ),
            messages.INFO,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form checks the room before saving; if another organiser booked it
        # in the same instant, PostgreSQL's exclusion constraint refuses the row.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            if ROOM_CONSTRAINT not in str(error):
                raise
            self.message_user(
                request,
                _(
                    "The room was booked for that time by someone else a moment "
                    "ago; nothing was saved. Check the agenda and try again."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())


class RoleOfSpeakerInline(TolerantAutocompleteAdmin, admin.TabularInline):
    model = SessionRole
    fields = ["session", "role", "position", "remarks"]
    autocomplete_fields = ["session"]
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    inlines = [RoleOfSpeakerInline]
    list_display = ["name", "title", "organisation", "meeting", "has_registration"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "organisation", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["registration"]
    fields = [
        "meeting",
        ("honorific", "name"),
        "slug",
        ("title", "organisation"),
        "bio",
        "photo",
        "registration",
    ]

    @admin.display(description=_("registered"), boolean=True)
    def has_registration(self, speaker):
        return speaker.registration_id is not None


class AgendaItemDocumentInline(SessionDocumentInline):
    fk_name = "agenda_item"


@admin.register(AgendaItem)
class AgendaItemAdmin(TolerantAutocompleteAdmin, ContentLanguagesAdmin):
    inlines = [AgendaItemDocumentInline]
    list_display = ["label_display", "title", "meeting"]
    list_display_links = ["label_display", "title"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["title"]
    ordering = ["meeting", "number", "sub_letter", "pk"]
    autocomplete_fields = ["sessions"]
    fields = ["meeting", ("number", "sub_letter"), "title", "description", "sessions"]

    @admin.display(description=_("item"), ordering="number")
    def label_display(self, item):
        return item.label


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    fields = ["language", "file", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 1


@admin.register(Document)
class DocumentAdmin(TolerantAutocompleteAdmin, ContentLanguagesAdmin):
    inlines = [DocumentFileInline]
    list_display = [
        "symbol",
        "title",
        "kind",
        "languages_display",
        "attached_to",
        "published",
    ]
    list_display_links = ["symbol", "title"]
    list_filter = ["meeting", "kind", "files__language", "published"]
    list_select_related = ["meeting", "agenda_item", "session"]
    list_editable = ["published"]
    search_fields = ["symbol", "title"]
    autocomplete_fields = ["agenda_item", "session"]
    fields = [
        "meeting",
        ("symbol", "kind"),
        "title",
        ("agenda_item", "session"),
        "published",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    @admin.display(description=_("languages"))
    def languages_display(self, document):
        return ", ".join(file.get_language_display() for file in document.files.all())

    @admin.display(description=_("attached to"))
    def attached_to(self, document):
        if document.agenda_item_id:
            return document.agenda_item.label
        if document.session_id:
            return document.session.title
        return _("the meeting")


class PublishVersionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For example “v1 – provisional” or “v2”."),
    )
    notes = forms.CharField(
        label=_("Public notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the changelog above the list of changes."),
    )


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(
    MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """Published versions are read-only; new ones come from the publish page."""

    list_display = ["name", "number", "meeting", "published_at", "published_by"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "published_by"]
    fields = ["meeting", "number", "name", "notes", "published_at", "published_by"]
    readonly_fields = fields

    def get_urls(self):
        return [
            path(
                "publish/<int:meeting_id>/",
                self.admin_site.admin_view(self.publish_view),
                name="agenda_programmeversion_publish",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "meetings": Meeting.objects.order_by("-start_date", "slug")
            if request.user.has_perm("agenda.add_programmeversion")
            else [],
        }
        return super().changelist_view(request, extra_context)

    def publish_view(self, request, meeting_id):
        if not request.user.has_perm("agenda.add_programmeversion"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=meeting_id)
        form = PublishVersionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = publish_programme_version(
                    meeting=meeting, by=request.user, **form.cleaned_data
                )
            except AgendaError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("Published “%(name)s”: the changelog lists what changed.")
                    % {"name": version.name},
                    messages.SUCCESS,
                )
                return redirect(
                    reverse("admin:agenda_programmeversion_changelist")
                    + f"?meeting__id__exact={meeting.pk}"
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Publish a new version of the programme"),
            "meeting": meeting,
            "form": form,
            "previous": latest_version(meeting),
            "preview_url": reverse(
                "agenda:agenda", kwargs={"meeting_slug": meeting.slug}
            )
            + "?preview=working",
            "changes": pending_changes(meeting),
        }
        return TemplateResponse(
            request, "admin/agenda/programmeversion/publish.html", context
        )
