from django.urls import path

from . import document_views, views

app_name = "delegates"

urlpatterns = [
    path("", views.register, name="register"),
    path("thank-you/", views.registration_done, name="registration_done"),
    path("manage/<str:token>/", views.manage_registration, name="manage"),
    path("manage/<str:token>/badge.pdf", document_views.own_badge, name="own_badge"),
]
