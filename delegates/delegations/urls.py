"""A delegation's addresses: nominating it, and its focal point's private link.

Included under the registration's addresses without a namespace of its own, so
the names stay "delegates:delegation_…".
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.nominate, name="delegation_nominate"),
    path(
        "thank-you/",
        views.nomination_done,
        name="delegation_done",
    ),
    path(
        "<str:token>/",
        views.manage,
        name="delegation_manage",
    ),
    path(
        "<str:token>/letter/",
        views.send_letter,
        name="delegation_letter",
    ),
    path(
        "<str:token>/credentials-letter.pdf",
        views.own_credentials_letter,
        name="delegation_credentials_letter",
    ),
    path(
        "<str:token>/members/<int:member_id>/replace/",
        views.replace_member,
        name="delegation_replace_member",
    ),
    path(
        "<str:token>/members/<int:member_id>/withdraw/",
        views.withdraw_member,
        name="delegation_withdraw_member",
    ),
]
