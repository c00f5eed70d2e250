"""Forms of the check-in desk."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from agenda.models import SideEvent
from consultation.formats import named_format

BADGE_CODE_MAX_LENGTH = 200


def side_events_of(meeting):
    return SideEvent.objects.filter(session__meeting=meeting).select_related("session")


def day_choices(meeting):
    return [
        (
            day.isoformat(),
            formats.date_format(day, named_format("WEEKDAY_MONTH_DAY_FORMAT")),
        )
        for day in meeting.days
    ]


class CheckInForm(forms.Form):
    """One scan (the badge code) or one pick from the name search (registration)."""

    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=datetime.date.fromisoformat,
        choices=(),
        error_messages={
            "required": _(
                "Today is not a day of this meeting: choose the day to record "
                "this check-in for. Nothing was recorded."
            )
        },
    )
    code = forms.CharField(
        label=_("Badge code"),
        required=False,
        max_length=BADGE_CODE_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "form-control form-control-lg",
            }
        ),
        help_text=_(
            "Scan the QR code on the badge; the scanner types and presses Enter."
        ),
    )
    side_event = forms.ModelChoiceField(
        label=_("Door"),
        queryset=SideEvent.objects.none(),
        required=False,
        empty_label=_("Meeting entrance"),
        help_text=_("At a side event's door, only people with a seat are let in."),
    )
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [("", _("Choose the day")), *day_choices(meeting)]
        self.fields["day"].widget.attrs["class"] = "form-select"
        self.fields["side_event"].queryset = side_events_of(meeting)
        self.fields["side_event"].widget.attrs["class"] = "form-select"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("code") and not cleaned.get("registration"):
            raise forms.ValidationError(
                _("Scan a badge, or search by name and pick the person.")
            )
        return cleaned


class DeskSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or organisation"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=datetime.date.fromisoformat,
        choices=(),
        required=False,
        widget=forms.HiddenInput,
    )
    side_event = forms.ModelChoiceField(
        queryset=SideEvent.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(meeting)
        self.fields["side_event"].queryset = side_events_of(meeting)
