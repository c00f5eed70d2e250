"""The organiser's decision on one registration, from its change page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import RegistrationStatus

DECISIONS = {
    "approve": (RegistrationStatus.APPROVED, _("Approve")),
    "waitlist": (RegistrationStatus.WAITLISTED, _("Waitlist")),
    "reject": (RegistrationStatus.REJECTED, _("Reject")),
    "cancel": (RegistrationStatus.CANCELLED, _("Cancel")),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(name, label) for name, (_status, label) in DECISIONS.items()]
    )
    reason = forms.CharField(
        label=_("Reason, told to the delegate in the email (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    then_next = forms.BooleanField(required=False, widget=forms.HiddenInput)

    @property
    def status(self) -> RegistrationStatus:
        return DECISIONS[self.cleaned_data["decision"]][0]
