"""The rows of the registration admin list, worked out per column instead of per cell.

Django's `result_list` tag works out every cell of the list from scratch: which
field or method it shows, its CSS class and empty value, the change link (one
`reverse()` and one parse of the kept filters per link) and the static address of
each yes/no icon. With 100 registrations and 14 columns a page, that was most of the
list's time. `registration_result_list` does that work once per column and once per
page, then writes each row. The markup is Django's own, cell for cell (a test
compares them); editable lists and pop-up windows get Django's rows unchanged.
"""

import datetime
import operator

from django import template
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    result_headers,
    result_hidden_fields,
    results,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()

# Fields whose value shows as it is (exact types: subclasses may show it otherwise).
PLAIN_TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField)

# Stands for the primary key while the change address is reversed once per page:
# letters and digits only, which the admin's quote() and reverse() leave as they are.
PK_PLACEHOLDER = "0PK0PLACEHOLDER0"


@register.tag(name="registration_result_list")
def registration_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=registration_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


def registration_result_list(cl):
    """Return the context of Django's `result_list` tag, with rows made per column."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(
            1 for header in headers if header["sortable"] and header["sorted"]
        ),
        "results": list(rows(cl)),
    }


def rows(cl):
    """Yield each result's row as Django's `results()` would, one string a row."""
    if cl.formset or cl.is_popup or not cl.result_list:
        yield from results(cl)
        return
    columns = _columns(cl, cl.result_list[0])
    for result in cl.result_list:
        cells = "".join([column(result) for column in columns])
        # Each cell escapes its value with conditional_escape(), as format_html does.
        yield ResultList(None, [mark_safe(cells)])  # noqa: S308  # nosec B308 B703


def _columns(cl, sample):
    """One function per column that writes its cell for a result."""
    change_url = _ChangeUrl(cl)
    columns = []
    first = True
    for index, field_name in enumerate(cl.list_display):
        if cl.list_display_links is None:
            is_link = False
        elif first and not cl.list_display_links:
            is_link = True
        else:
            is_link = field_name in cl.list_display_links
        table_tag = "td"
        if is_link:
            table_tag = "th" if first else "td"
            first = False
        columns.append(
            _column(
                cl,
                sample,
                field_name,
                index,
                link=change_url if is_link else None,
                table_tag=table_tag,
            )
        )
    return columns


def _column(cl, sample, field_name, index, *, link, table_tag):
    """Work out once what `items_for_result` works out for each cell of a column."""
    model_admin = cl.model_admin
    unreachable_display = empty_value_display = model_admin.get_empty_value_display()
    try:
        field, attr, _value = lookup_field(field_name, sample, model_admin)
    except ObjectDoesNotExist:
        field, attr = None, None
    if callable(field_name):
        name = field_name.__name__
        if name == "<lambda>":
            name = f"lambda{index}"
    else:
        name = field_name
    classes = [f"field-{name}"]

    if field is None or field.auto_created:
        if field_name == "action_checkbox":
            classes = ["action-checkbox"]
        empty_value_display = getattr(attr, "empty_value_display", empty_value_display)
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)

        value_of = _value_getter(field_name, field, model_admin)

        def represent(result):
            value = value_of(result)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            extra = (
                " nowrap" if isinstance(value, (datetime.date, datetime.time)) else ""
            )
            return display_for_value(value, empty_value_display, boolean), extra

        memo = None
    else:
        if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
            classes.append("nowrap")
        if isinstance(field.remote_field, models.ManyToOneRel):
            related_name = field.name

            def represent(result):
                related = getattr(result, related_name)
                return (empty_value_display if related is None else related), ""

        elif type(field) in PLAIN_TEXT_FIELDS and not field.choices:
            attname = field_name

            # What display_for_field() comes to for text, without its checks.
            def represent(result):
                value = getattr(result, attname)
                if value is None or value.strip() == "":
                    return empty_value_display, ""
                return value, ""

        else:
            attname = field_name

            def represent(result):
                value = getattr(result, attname)
                if isinstance(value, str) and value.strip() == "":
                    value = ""
                return (
                    display_for_field(
                        value, field, empty_value_display, avoid_link=link is not None
                    ),
                    "",
                )

        # A choice or a yes/no looks the same in every row that has its value.
        memo = (
            {} if field.flatchoices or isinstance(field, models.BooleanField) else None
        )

    class_names = " ".join(classes)
    open_tag = f'<{table_tag} class="{class_names}'
    close_tag = f"</{table_tag}>"

    def cell(result):
        try:
            result_repr, extra_class = represent(result)
        except ObjectDoesNotExist:
            result_repr, extra_class = unreachable_display, ""
        text = conditional_escape(result_repr)
        if link is not None:
            text = link.anchor(result, text)
        return f'{open_tag}{extra_class}">{text}{close_tag}'

    if memo is None:
        return cell

    def memoised_cell(result):
        if link is not None:
            return cell(result)
        try:
            value = getattr(result, field.attname)
        except ObjectDoesNotExist:
            return cell(result)
        try:
            return memo[value]
        except KeyError:
            memo[value] = cell(result)
            return memo[value]
        except TypeError:
            return cell(result)

    return memoised_cell


def _value_getter(field_name, field, model_admin):
    """The value of a column that is no model field, found as `lookup_field` does."""
    if field is not None:
        return operator.attrgetter(field_name)
    if callable(field_name):
        return field_name
    if hasattr(model_admin, field_name) and field_name != "__str__":
        return getattr(model_admin, field_name)

    def value_of(result):
        return lookup_field(field_name, result, model_admin)[2]

    return value_of


class _ChangeUrl:
    """The change link of a result, reversed once per page with the kept filters."""

    def __init__(self, cl):
        self.cl = cl
        self.pk_attname = cl.lookup_opts.pk.attname
        try:
            url = cl.url_for_result(_Placeholder(self.pk_attname))
        except NoReverseMatch:
            self.before = None
            return
        url = add_preserved_filters(
            {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url
        )
        before, found, after = url.partition(PK_PLACEHOLDER)
        if found:
            self.before, self.after = escape(before), escape(after)
        else:
            self.before = None

    def anchor(self, result, text):
        pk = getattr(result, self.pk_attname)
        if self.before is None or not isinstance(pk, int):
            return self.slow_anchor(result, text)
        return f'<a href="{self.before}{pk}{self.after}">{text}</a>'

    def slow_anchor(self, result, text):
        """Django's own way, for keys that are not integers."""
        try:
            url = self.cl.url_for_result(result)
        except NoReverseMatch:
            return text
        url = add_preserved_filters(
            {"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts},
            url,
        )
        return f'<a href="{escape(url)}">{text}</a>'


class _Placeholder:
    """A stand-in result whose primary key is the placeholder."""

    def __init__(self, pk_attname):
        setattr(self, pk_attname, PK_PLACEHOLDER)
