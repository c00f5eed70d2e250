from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("participants.csv", views.participant_csv, name="csv"),
    path("participants.pdf", views.participant_list_pdf, name="pdf"),
]
