"""The secretariat's list of bilateral meetings, and its decisions on each.

A request's page shows what was asked and a decision form: confirm in a room,
propose another slot, or decline. Every decision goes through the services, so
PostgreSQL's room rule holds under concurrency too.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agenda.models import Room
from consultation.admin_mixins import MeetingTimeZoneAdminMixin

from .models import BilateralRequest, BilateralStatus
from .services import BilateralError, confirm_bilateral, decline_bilateral, propose_slot


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("confirm", gettext_lazy("Confirm in this room")),
            ("propose", gettext_lazy("Propose this slot instead")),
            ("decline", gettext_lazy("Decline")),
        ]
    )
    room = forms.ModelChoiceField(
        label=gettext_lazy("Room"), queryset=Room.objects.none(), required=False
    )
    day = forms.DateField(label=gettext_lazy("Day"), required=False)
    start_time = forms.TimeField(label=gettext_lazy("Start"), required=False)
    minutes = forms.IntegerField(
        label=gettext_lazy("Length (minutes)"), min_value=5, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Message to the delegations"), max_length=300, required=False
    )

    def __init__(self, *args, bilateral, **kwargs):
        super().__init__(*args, **kwargs)
        self.bilateral = bilateral
        self.fields["room"].queryset = Room.objects.filter(
            meeting=bilateral.meeting, takes_bilaterals=True
        )
        local = bilateral.start.astimezone(bilateral.meeting.tzinfo)
        self.initial = {
            "room": bilateral.room_id,
            "day": local.date(),
            "start_time": local.time(),
            "minutes": bilateral.minutes,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in ("confirm", "propose") and not cleaned.get(
            "room"
        ):
            self.add_error("room", _("Choose a room that takes bilateral meetings."))
        if cleaned.get("decision") == "propose":
            for name in ("day", "start_time", "minutes"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed to propose a slot."))
        return cleaned

    def start(self):
        return datetime.datetime.combine(
            self.cleaned_data["day"],
            self.cleaned_data["start_time"],
            tzinfo=self.bilateral.meeting.tzinfo,
        )


@admin.register(BilateralRequest)
class BilateralRequestAdmin(MeetingTimeZoneAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "start", "minutes", "room", "status", "meeting"]
    list_filter = ["status", "meeting", "room"]
    list_select_related = ["requested_by", "counterpart", "room", "meeting"]
    search_fields = ["requested_by__name", "counterpart__name"]
    date_hierarchy = "start"
    readonly_fields = [
        "meeting",
        "requested_by",
        "counterpart",
        "start",
        "minutes",
        "room",
        "note",
        "status",
        "decision_note",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    fields = readonly_fields
    change_form_template = "admin/delegates/bilateralrequest/change_form.html"

    def has_add_permission(self, request):
        # Delegations ask from their page; the secretariat decides here.
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(require_POST(self.decide_view)),
                name="delegates_bilateralrequest_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        bilateral = self.get_object(request, unquote(object_id))
        if bilateral is not None and bilateral.status != BilateralStatus.DECLINED:
            extra_context = {
                **(extra_context or {}),
                "decision_form": DecisionForm(bilateral=bilateral),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        bilateral = self.get_object(request, unquote(object_id))
        if bilateral is None:
            raise Http404(_("There is no such bilateral meeting."))
        if not self.has_change_permission(request, bilateral):
            raise PermissionDenied
        form = DecisionForm(request.POST, bilateral=bilateral)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return self._back_to(bilateral)
        data = form.cleaned_data
        try:
            if data["decision"] == "confirm":
                confirm_bilateral(
                    bilateral, room=data["room"], by=request.user, note=data["note"]
                )
                done = _("Confirmed; both delegations are told.")
            elif data["decision"] == "propose":
                propose_slot(
                    bilateral,
                    start=form.start(),
                    minutes=data["minutes"],
                    room=data["room"],
                    by=request.user,
                    note=data["note"],
                )
                done = _("Slot proposed; the requesting delegation can accept it.")
            else:
                decline_bilateral(bilateral, by=request.user, note=data["note"])
                done = _("Declined; both delegations are told.")
        except BilateralError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back_to(bilateral)

    def _back_to(self, bilateral):
        return HttpResponseRedirect(
            reverse("admin:delegates_bilateralrequest_change", args=[bilateral.pk])
        )
