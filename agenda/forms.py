from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Language
from .models import Session

LOCAL_TIME_HELP = _("In the meeting's own time zone.")


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
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
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
