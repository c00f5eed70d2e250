"""A delegation's bilateral meetings, under its focal point's private link."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.request_meeting, name="delegation_bilateral_request"),
    path(
        "<int:bilateral_id>/accept/",
        views.accept,
        name="delegation_bilateral_accept",
    ),
]
