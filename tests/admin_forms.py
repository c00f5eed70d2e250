"""Admin change forms as a browser posts them back, for tests that edit rows."""

from django.urls import reverse


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def open_change_form(client, obj):
    """The change form's fields as the browser would post them back, unchanged."""
    response = client.get(change_url(obj))
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == "" or value == []:
            continue
        data[name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return response, data
