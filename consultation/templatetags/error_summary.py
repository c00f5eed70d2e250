"""The error summary at the top of a form that the server sent back (GOV.UK style).

It lists every problem with a link to its field; static/js/error-summary.js moves
the focus to it, so keyboard and screen reader users start where the errors are.
"""

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*forms_or_formsets):
    """The problems of these forms and formsets, each with its field's id.

    A formset's own errors (not of one row) are shown where the formset is.
    """
    problems = []
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            for number, form in enumerate(item.forms, start=1):
                problems += _problems(form, row=number)
        elif isinstance(item, forms.BaseForm):  # not a page's missing variable
            problems += _problems(item)
    return {"problems": problems}


def _problems(form, *, row=None):
    if not form.is_bound or not form.errors:
        return []
    problems = [(None, message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name not in form.fields:
            continue
        field = form[name]
        label = field.label
        if row is not None:
            # The rows of a formset are the members of a delegation, "Member 2".
            label = _("Member %(number)d, %(field)s") % {"number": row, "field": label}
        problems += [
            (
                field.id_for_label,
                _("%(field)s: %(message)s") % {"field": label, "message": message},
            )
            for message in messages
        ]
    return problems
