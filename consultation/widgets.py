"""Form widgets shared by the public forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A select for long option lists (countries), written out in Python.

    Django renders every ``<option>`` through two template includes, which made
    the two country lists (about 530 options) most of the registration form's
    time. The markup is the same: the attributes the form and crispy-forms give
    (id, class, required, aria-*), ``<optgroup>`` for grouped choices and
    ``selected`` on the chosen value, so an invalid form shows it again.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = set(self.format_value(value))
        # The name, every attribute (flatatt), value and label are escaped.
        return mark_safe(  # noqa: S308  # nosec B308 B703
            f'<select name="{conditional_escape(name)}"{flatatt(attrs)}>'
            f"{''.join(self._options(chosen))}\n</select>"
        )

    def _options(self, chosen):
        has_selected = False
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield f'\n<optgroup label="{conditional_escape(value)}">'
                group = label
            else:
                group = [(value, label)]
            for option_value, option_label in group:
                option_value = "" if option_value is None else str(option_value)
                selected = (
                    not has_selected or self.allow_multiple_selected
                ) and option_value in chosen
                has_selected |= selected
                yield (
                    f'\n<option value="{conditional_escape(option_value)}"'
                    f"{' selected' if selected else ''}>"
                    f"{conditional_escape(option_label)}</option>"
                )
            if group is label:
                yield "\n</optgroup>"
