from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from consultation.models import Meeting

from .exceptions import AgendaError
from .forms import SessionAdminForm
from .models import ProgrammeVersion, Room, Session
from .versions import current_version, pending_changes, publish_programme_version


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "capacity", "location_notes"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["title", "kind", "local_start_display", "end", "room", "published"]
    list_filter = ["meeting", "kind", "published", "room"]
    list_select_related = ["meeting", "room"]
    list_editable = ["published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    autocomplete_fields = ["room"]

    @admin.display(description=_("starts (meeting time)"), ordering="start")
    def local_start_display(self, session):
        return session.local_start.strftime("%a %d %b %Y, %H:%M %Z")


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
class ProgrammeVersionAdmin(admin.ModelAdmin):
    """Published versions are read-only; new ones come from the publish page."""

    list_display = ["name", "number", "meeting", "published_at", "published_by"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "published_by"]
    fields = ["meeting", "number", "name", "notes", "published_at", "published_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
            "previous": current_version(meeting),
            "changes": pending_changes(meeting),
        }
        return TemplateResponse(
            request, "admin/agenda/programmeversion/publish.html", context
        )
