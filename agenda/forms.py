from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Language, SessionKind
from .models import Room, Session, Track

LOCAL_TIME_HELP = _("In the meeting's own time zone.")
PUBLISHED_HELP = _(
    "Part of the programme to publish. The public sees this session, and any edit "
    "to it, once the next programme version is published."
)


def https_url_fields(db_field, **kwargs):
    """Form fields as Django makes them, with https for an address typed bare."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class SessionAdminForm(forms.ModelForm):
    """Edit a session's start and end as wall-clock times where the meeting is held.

    Django would read the typed times in the server's zone (UTC); organisers think
    in the meeting's zone, so the times are shown and read in that zone instead.
    """

    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation into"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        formfield_callback = https_url_fields
        fields = [
            "meeting",
            "title",
            "slug",
            "kind",
            "track",
            "start",
            "end",
            "position",
            "room",
            "description",
            "language",
            "interpretation",
            "joining_link",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin leaves out the fields a user may only view (desk, viewer).
        if "published" in self.fields:
            self.fields["published"].help_text = PUBLISHED_HELP
        for name in ("start", "end"):
            if name not in self.fields:
                continue
            self.fields[name].help_text = LOCAL_TIME_HELP
            value = getattr(self.instance, name)
            if self.instance.meeting_id and value:
                local = value.astimezone(self.instance.meeting.tzinfo)
                self.initial[name] = timezone.make_naive(local, local.tzinfo)

    def clean(self):
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        if meeting:
            for name in ("start", "end"):
                value = cleaned_data.get(name)
                if value:
                    wall_clock = timezone.make_naive(value)
                    cleaned_data[name] = timezone.make_aware(wall_clock, meeting.tzinfo)
                    setattr(self.instance, name, cleaned_data[name])
        return cleaned_data


class AgendaFilterForm(forms.Form):
    """Narrow the public agenda by kind, track or room (all optional, sent by GET)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    track = forms.ModelChoiceField(
        label=_("Track"),
        queryset=Track.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All tracks"),
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("All rooms"),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *SessionKind.choices]
        # With their meeting: its main language is their names' fall-back.
        self.fields["track"].queryset = Track.objects.filter(
            meeting=meeting
        ).select_related("meeting")
        self.fields["room"].queryset = Room.objects.filter(
            meeting=meeting
        ).select_related("meeting")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self):
        """The chosen filters, or none at all when the query string is invalid."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
