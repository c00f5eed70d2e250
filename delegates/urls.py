from django.urls import include, path

from . import views
from .bilaterals import views as bilateral_views
from .printing import views as printing_views

app_name = "delegates"

urlpatterns = [
    path("", views.register, name="register"),
    path("forms/", views.registration_forms, name="registration_forms"),
    path("form/<slug:form_slug>/", views.register, name="register_form"),
    path("thank-you/", views.registration_done, name="registration_done"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("link/", views.resend_link, name="resend_link"),
    path("link/sent/", views.link_sent, name="link_sent"),
    path("manage/<str:token>/", views.manage_registration, name="manage"),
    path(
        "manage/<str:token>/bilaterals/",
        bilateral_views.head_request_meeting,
        name="head_bilateral_request",
    ),
    path(
        "manage/<str:token>/bilaterals/<int:bilateral_id>/accept/",
        bilateral_views.head_accept,
        name="head_bilateral_accept",
    ),
    path(
        "manage/<str:token>/cancel/",
        views.cancel_own_registration,
        name="cancel",
    ),
    path("email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("delegation/", include("delegates.delegations.urls")),
    path("delegation/<str:token>/bilaterals/", include("delegates.bilaterals.urls")),
    path("manage/<str:token>/badge.pdf", printing_views.own_badge, name="own_badge"),
    path("manage/<str:token>/photo/", printing_views.own_photo, name="own_photo"),
    path(
        "manage/<str:token>/answers/<int:question_id>/",
        printing_views.own_answer_file,
        name="own_answer_file",
    ),
    path(
        "manage/<str:token>/visa-letter.pdf",
        printing_views.own_visa_letter,
        name="own_visa_letter",
    ),
]
