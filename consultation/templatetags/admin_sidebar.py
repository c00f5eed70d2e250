"""The admin's navigation sidebar, rendered once per worker for what it shows.

Django's sidebar lists every app and model the staff member may open, on every
admin page: about a quarter of a registration list's rendering time. What it shows
depends only on those apps and models (their names, addresses and permissions),
the language and which of them the current page belongs to, so the rendered list
is kept in this process's "pages" cache under a digest of exactly that.
"""

import hashlib

from django import template
from django.core.cache import caches
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.utils import translation

register = template.Library()

# Long enough to matter, short enough that nothing kept outlives a deploy by much.
SIDEBAR_TIMEOUT = 300


@register.simple_tag(takes_context=True)
def sidebar_app_list(context):
    """admin/app_list.html for the sidebar (``available_apps``), kept per digest."""
    request = context["request"]
    apps = context.get("available_apps") or []
    path = urlencode(request.path)
    shown = [
        (
            str(app["name"]),
            app["app_label"],
            app["app_url"],
            app["app_url"] in path,
            [
                (
                    str(model["name"]),
                    model["object_name"],
                    model.get("admin_url"),
                    model.get("add_url"),
                    bool(model.get("admin_url")) and model["admin_url"] in path,
                    model.get("view_only"),
                )
                for model in app["models"]
            ],
        )
        for app in apps
    ]
    identity = repr((translation.get_language(), shown)).encode()
    key = "admin-sidebar:" + hashlib.sha256(identity).hexdigest()
    kept = caches["pages"]
    html = kept.get(key)
    if html is None:
        html = render_to_string(
            "admin/app_list.html",
            {"app_list": apps, "show_changelinks": False},
            request=request,
        )
        kept.set(key, html, SIDEBAR_TIMEOUT)
    return html
