"""The organiser's choice of the registration list's columns."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ListColumnsForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns shown in the list"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].choices = choices
