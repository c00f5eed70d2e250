"""The organisers' side of lists of speakers: open, close, set the limits, move."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.admin_mixins import MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin
from consultation.widgets import TolerantAutocompleteAdmin

from ..models import Inscription, ListOfSpeakers, SpeakerMove
from .forms import MoveSpeakerForm
from .services import SpeakersListError, move_speaker


class InscriptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Inscription
    extra = 0
    fields = [
        "position",
        "delegation",
        "speaker",
        "level",
        "inscribed_at",
        "inscribed_by",
        "spoken_at",
        "move_link",
    ]
    readonly_fields = fields
    ordering = ["position", "pk"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("delegation", "speaker", "inscribed_by")
        )

    @admin.display(description=_("move"))
    def move_link(self, inscription):
        if inscription.started_at is not None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "admin:agenda_listofspeakers_move",
                args=[inscription.list_of_speakers_id, inscription.pk],
            ),
            _("Move"),
        )


@admin.register(ListOfSpeakers)
class ListOfSpeakersAdmin(
    MeetingTimeZoneAdminMixin, TolerantAutocompleteAdmin, admin.ModelAdmin
):
    meeting_path = "agenda_item__meeting"
    inlines = [InscriptionInline]
    list_display = [
        "agenda_item",
        "is_open",
        "inscriptions_per_delegation",
        "speaking_time",
        "speaker_count",
        "links",
    ]
    list_filter = ["agenda_item__meeting", "is_open"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["agenda_item__title"]
    autocomplete_fields = ["agenda_item"]
    fields = [
        "agenda_item",
        "is_open",
        ("inscriptions_per_delegation", "speaking_time"),
    ]
    actions = ["open_lists", "close_lists"]

    def get_readonly_fields(self, request, obj=None):
        # Its inscriptions are the item's delegations': the list stays on its item.
        return ["agenda_item"] if obj else []

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(speaker_count=Count("inscriptions"))
        )

    def get_urls(self):
        return [
            path(
                "<int:list_id>/move/<int:inscription_id>/",
                self.admin_site.admin_view(self.move_view),
                name="agenda_listofspeakers_move",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("speakers"), ordering="speaker_count")
    def speaker_count(self, list_of_speakers):
        return list_of_speakers.speaker_count

    @admin.display(description=_("pages"))
    def links(self, list_of_speakers):
        kwargs = {
            "meeting_slug": list_of_speakers.agenda_item.meeting.slug,
            "pk": list_of_speakers.pk,
        }
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">CSV</a> · '
            '<a href="{}">PDF</a>',
            reverse("speakers_list:chair", kwargs=kwargs),
            _("Chair's view"),
            reverse("speakers_list:public", kwargs=kwargs),
            _("Public list"),
            reverse("speakers_list:csv", kwargs=kwargs),
            reverse("speakers_list:pdf", kwargs=kwargs),
        )

    @admin.action(description=_("Open the chosen lists for inscriptions"))
    def open_lists(self, request, queryset):
        self._set_open(request, queryset, is_open=True)

    @admin.action(description=_("Close the chosen lists to inscriptions"))
    def close_lists(self, request, queryset):
        self._set_open(request, queryset, is_open=False)

    def _set_open(self, request, queryset, *, is_open):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = queryset.update(is_open=is_open)
        message = (
            ngettext(
                "%(count)d list of speakers is open.",
                "%(count)d lists of speakers are open.",
                count,
            )
            if is_open
            else ngettext(
                "%(count)d list of speakers is closed.",
                "%(count)d lists of speakers are closed.",
                count,
            )
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def move_view(self, request, list_id, inscription_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        inscription = get_object_or_404(
            Inscription.objects.select_related(
                "list_of_speakers__agenda_item", "delegation", "speaker"
            ),
            pk=inscription_id,
            list_of_speakers_id=list_id,
        )
        form = MoveSpeakerForm(request.POST or None, inscription=inscription)
        if request.method == "POST" and form.is_valid():
            try:
                move_speaker(
                    inscription,
                    to_position=form.cleaned_data["to_position"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except SpeakersListError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("%(name)s now speaks in place %(place)d.")
                    % {
                        "name": inscription.speaker.display_name,
                        "place": inscription.position,
                    },
                    messages.SUCCESS,
                )
                return redirect(
                    "admin:agenda_listofspeakers_change",
                    inscription.list_of_speakers_id,
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Move a speaker"),
            "inscription": inscription,
            "list_of_speakers": inscription.list_of_speakers,
            "form": form,
            "moves": inscription.moves.select_related("moved_by"),
        }
        return TemplateResponse(
            request, "admin/agenda/listofspeakers/move_speaker.html", context
        )


@admin.register(SpeakerMove)
class SpeakerMoveAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "moved_at",
        "inscription",
        "from_position",
        "to_position",
        "reason",
        "moved_by",
    ]
    list_filter = ["inscription__list_of_speakers__agenda_item__meeting"]
    list_select_related = [
        "inscription__delegation",
        "inscription__speaker",
        "moved_by",
    ]
    fields = list_display
    readonly_fields = fields
