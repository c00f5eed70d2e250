from django.urls import path

from . import views

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
]
