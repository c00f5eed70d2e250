from django.urls import path

from ..printing import views as printing_views
from . import views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("participants.csv", views.participant_csv, name="csv"),
    path("participants.pdf", printing_views.participant_list_pdf, name="pdf"),
]
