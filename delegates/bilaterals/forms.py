import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import Delegation

LENGTH_STEP = 15


class BilateralRequestForm(forms.Form):
    """A focal point's request for a bilateral meeting room."""

    counterpart = forms.ModelChoiceField(
        label=_("Delegation to meet"), queryset=Delegation.objects.none()
    )
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    start_time = forms.TimeField(
        label=_("Start"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the meeting's time zone."),
    )
    minutes = forms.TypedChoiceField(label=_("Length"), coerce=int)
    note = forms.CharField(
        label=_("Note for the secretariat"),
        max_length=300,
        required=False,
        help_text=_("e.g. who attends, interpretation needed."),
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = delegation.meeting
        self.meeting = meeting
        self.fields["counterpart"].queryset = (
            Delegation.objects.filter(meeting=meeting)
            .exclude(pk=delegation.pk)
            .order_by("name")
        )
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in meeting.days
        ]
        most = meeting.bilateral_max_minutes
        lengths = list(range(LENGTH_STEP, most + 1, LENGTH_STEP)) or [most]
        if lengths[-1] != most:
            lengths.append(most)
        self.fields["minutes"].choices = [
            (length, _("%(minutes)d minutes") % {"minutes": length})
            for length in lengths
        ]

    def start(self) -> datetime.datetime:
        """The chosen day and time where the meeting takes place."""
        return datetime.datetime.combine(
            self.cleaned_data["day"],
            self.cleaned_data["start_time"],
            tzinfo=self.meeting.tzinfo,
        )
