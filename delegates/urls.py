from django.urls import path

from . import delegation_views, document_views, views

app_name = "delegates"

urlpatterns = [
    path("", views.register, name="register"),
    path("thank-you/", views.registration_done, name="registration_done"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("link/", views.resend_link, name="resend_link"),
    path("link/sent/", views.link_sent, name="link_sent"),
    path("manage/<str:token>/", views.manage_registration, name="manage"),
    path(
        "manage/<str:token>/cancel/",
        views.cancel_own_registration,
        name="cancel",
    ),
    path("email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("delegation/", delegation_views.nominate, name="delegation_nominate"),
    path(
        "delegation/thank-you/",
        delegation_views.nomination_done,
        name="delegation_done",
    ),
    path(
        "delegation/<str:token>/",
        delegation_views.manage,
        name="delegation_manage",
    ),
    path(
        "delegation/<str:token>/letter/",
        delegation_views.send_letter,
        name="delegation_letter",
    ),
    path(
        "delegation/<str:token>/credentials-letter.pdf",
        delegation_views.own_credentials_letter,
        name="delegation_credentials_letter",
    ),
    path(
        "delegation/<str:token>/members/<int:member_id>/replace/",
        delegation_views.replace_member,
        name="delegation_replace_member",
    ),
    path(
        "delegation/<str:token>/members/<int:member_id>/withdraw/",
        delegation_views.withdraw_member,
        name="delegation_withdraw_member",
    ),
    path("manage/<str:token>/badge.pdf", document_views.own_badge, name="own_badge"),
    path("manage/<str:token>/photo/", document_views.own_photo, name="own_photo"),
    path(
        "manage/<str:token>/visa-letter.pdf",
        document_views.own_visa_letter,
        name="own_visa_letter",
    ),
]
