import datetime

from django.contrib import admin, messages
from django.db import IntegrityError, models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from consultation.models import Meeting

from .forms import SessionAdminForm
from .models import AgendaItem, Document, Room, Session, SessionRole, Speaker, Track

ROOM_CONSTRAINT = "session_room_not_double_booked"


class SessionDayFilter(admin.SimpleListFilter):
    """Sessions on one day of their meeting, counted in the meeting's time zone."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        meetings = Meeting.objects.order_by("start_date", "slug")
        if meeting_id := request.GET.get("meeting__id__exact"):
            meetings = meetings.filter(pk=meeting_id)
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
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "capacity", "location_notes"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "location_notes"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SessionRoleInline(admin.TabularInline):
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


class SessionDocumentInline(admin.StackedInline):
    model = Document
    fk_name = "session"
    fields = [
        ("kind", "language", "published"),
        ("title", "symbol"),
        ("file", "url"),
    ]
    formset = MeetingDocumentFormSet
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


class AgendaItemSessionInline(admin.TabularInline):
    model = AgendaItem.sessions.through
    verbose_name = _("agenda item taken up")
    verbose_name_plural = _("agenda items taken up")
    autocomplete_fields = ["agendaitem"]
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    inlines = [SessionRoleInline, AgendaItemSessionInline, SessionDocumentInline]
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

    @admin.display(description=_("starts (meeting time)"), ordering="start")
    def local_start_display(self, session):
        return session.local_start.strftime("%a %d %b %Y, %H:%M %Z")

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


class RoleOfSpeakerInline(admin.TabularInline):
    model = SessionRole
    fields = ["session", "role", "position", "remarks"]
    autocomplete_fields = ["session"]
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
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
class AgendaItemAdmin(admin.ModelAdmin):
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


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "title", "kind", "language", "attached_to", "published"]
    list_display_links = ["symbol", "title"]
    list_filter = ["meeting", "kind", "language", "published"]
    list_select_related = ["meeting", "agenda_item", "session"]
    list_editable = ["published"]
    search_fields = ["symbol", "title"]
    autocomplete_fields = ["agenda_item", "session"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "meeting",
        ("kind", "language"),
        ("title", "symbol"),
        ("agenda_item", "session"),
        ("file", "url"),
        "published",
    ]

    @admin.display(description=_("attached to"))
    def attached_to(self, document):
        if document.agenda_item_id:
            return document.agenda_item.label
        if document.session_id:
            return document.session.title
        return _("the meeting")
