"""Form widgets shared by the public forms and the admin."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
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


class _NamesOnlyRealRows:
    """An admin autocomplete that shows again only values that can name a row.

    Django's looks up the submitted values to label them; a value that cannot be
    a key ("abc" for an id) makes that lookup raise instead of showing the form
    again with its error ("Select a valid choice") on the field.
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._may_be_key(v)], attr)

    def _may_be_key(self, value) -> bool:
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        try:
            key.run_validators(key.to_python(value))
        except ValidationError:
            return False
        return True


class TolerantAutocompleteSelect(_NamesOnlyRealRows, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(
    _NamesOnlyRealRows, AutocompleteSelectMultiple
):
    pass


class TolerantAutocompleteAdmin:
    """Give a model admin's or inline's ``autocomplete_fields`` tolerant widgets.

    Mixed in before ``admin.ModelAdmin`` (or an inline) wherever
    ``autocomplete_fields`` is set, so a tampered value is a form error.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = TolerantAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = TolerantAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
