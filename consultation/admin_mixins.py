"""Admin building blocks every app uses: read-only pages, a read-only history, and
times shown in the meeting's own time zone."""

import zoneinfo

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.fields import TranslationField
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting

# simple-history's own history list, less the inline style that our CSP forbids.
HISTORY_LIST_TEMPLATE = "admin/delegates/object_history_list.html"


class ReadOnlyAdminMixin:
    """Rows that services write, shown for reading: no adding, changing or deleting.

    Set ``deletable = True`` where staff with the delete permission may remove a
    row made by mistake. Works for model admins and inlines alike.
    """

    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


def id_or_404(field, value):
    """Return the value as the id field's Python value; 404 if it cannot be one."""
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise Http404(_("There is no such record.")) from error


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History and diffs for reading; no reverting, which would bypass services."""

    object_history_list_template = HISTORY_LIST_TEMPLATE

    # simple-history looks the ids of its addresses up unchecked: "abc" would be
    # a server error.
    def history_view(self, request, object_id, extra_context=None):
        id_or_404(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        id_or_404(self.model._meta.pk, unquote(object_id))
        id_or_404(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


class MeetingTimeZoneAdminMixin:
    """Show and take this admin's times in the time zone of the meeting concerned.

    ``meeting_path`` leads from a row to its meeting ("meeting",
    "registration__meeting"; "" for the meeting itself). A change page uses its
    row's meeting; an add page the meeting chosen in the form; a list the meeting
    it is filtered by, else the only meeting there is. The page says which time
    zone its times are in. Pages without a meeting stay in the site's time zone.
    """

    meeting_path = "meeting"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        meeting = self._meeting_of_change_page(request, object_id)
        return self._in_time_zone_of(
            meeting,
            super().changeform_view,
            request,
            object_id,
            form_url,
            extra_context={**(extra_context or {}), **_time_zone_context(meeting)},
        )

    def changelist_view(self, request, extra_context=None):
        meeting = self._meeting_of_list(request)
        return self._in_time_zone_of(
            meeting,
            super().changelist_view,
            request,
            extra_context={**(extra_context or {}), **_time_zone_context(meeting)},
        )

    def meeting_of(self, obj):
        """The meeting of a row, following ``meeting_path``."""
        for name in filter(None, self.meeting_path.split("__")):
            obj = getattr(obj, name, None)
        return obj

    def _in_time_zone_of(self, meeting, view, *args, **kwargs):
        if meeting is None:
            return view(*args, **kwargs)
        with timezone.override(meeting.tzinfo):
            response = view(*args, **kwargs)
            # A TemplateResponse renders after the view returns: render it here,
            # while the meeting's time zone is the current one.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def _meeting_of_change_page(self, request, object_id):
        if object_id:
            try:
                obj = self.get_object(request, unquote(object_id))
            except (ValidationError, ValueError):
                return None
            return self.meeting_of(obj) if obj is not None else None
        if not self.meeting_path:
            # A meeting being added: the time zone chosen in its form.
            return _unsaved_meeting_in(request.POST.get("time_zone", ""))
        if self.meeting_path != "meeting":
            return None
        chosen = request.POST.get("meeting") or request.GET.get("meeting") or ""
        return Meeting.objects.filter(pk=chosen).first() if chosen.isdecimal() else None

    def _meeting_of_list(self, request):
        prefix = f"{self.meeting_path}__" if self.meeting_path else ""
        for parameter in (f"{prefix}id__exact", f"{prefix}pk__exact"):
            chosen = request.GET.get(parameter, "")
            if chosen.isdecimal():
                return Meeting.objects.filter(pk=chosen).first()
        meetings = list(Meeting.objects.all()[:2])
        return meetings[0] if len(meetings) == 1 else None


def _unsaved_meeting_in(time_zone):
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
    return Meeting(time_zone=time_zone)


def _time_zone_context(meeting):
    """What the page says about its times (admin/change_form.html, change_list.html)."""
    if meeting is None:
        return {"times_in_site_time_zone": settings.TIME_ZONE}
    return {"meeting_time_zone": meeting.time_zone}


class NoLanguageRequiredMixin:
    """Translated fields that the form itself does not require in any language.

    modeltranslation requires the site's default language (English); which
    language is required is the meeting's choice instead (its main language),
    checked by the model's ``clean()`` with ``main_language_errors``.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, TranslationField):
            field.required = False
        return field


class ContentLanguagesAdmin(NoLanguageRequiredMixin, TranslationAdmin):
    """The admin of a model whose texts are written per language."""


class ContentLanguagesInline(NoLanguageRequiredMixin, TranslationTabularInline):
    """A tabular inline of a model whose texts are written per language."""
