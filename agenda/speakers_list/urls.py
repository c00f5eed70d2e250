"""List of speakers addresses: the public lists, the chair's view and exports for
the secretariat, and the inscription pages under the private links."""

from django.urls import path

from . import views

app_name = "speakers_list"

urlpatterns = [
    path("lists-of-speakers/", views.lists_of_speakers, name="index"),
    path("lists-of-speakers/<int:pk>/", views.public_list, name="public"),
    path("lists-of-speakers/<int:pk>/chair/", views.chair, name="chair"),
    path("lists-of-speakers/<int:pk>/chair/next/", views.chair_next, name="next"),
    path(
        "lists-of-speakers/<int:pk>/chair/<int:inscription_pk>/spoken/",
        views.chair_mark_spoken,
        name="mark_spoken",
    ),
    path("lists-of-speakers/<int:pk>/speakers.csv", views.export_csv, name="csv"),
    path("lists-of-speakers/<int:pk>/speakers.pdf", views.export_pdf, name="pdf"),
    path(
        "register/manage/<str:token>/speakers/",
        views.inscribe_as_delegate,
        name="inscribe",
    ),
    path(
        "register/manage/<str:token>/speakers/<int:pk>/withdraw/",
        views.withdraw_as_delegate,
        name="withdraw",
    ),
    path(
        "register/delegation/<str:token>/speakers/",
        views.inscribe_as_focal_point,
        name="delegation_inscribe",
    ),
    path(
        "register/delegation/<str:token>/speakers/<int:pk>/withdraw/",
        views.withdraw_as_focal_point,
        name="delegation_withdraw",
    ),
]
