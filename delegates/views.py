from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from consultation.models import Meeting
from consultation.security import rate_limit

from .forms import RegistrationForm
from .models import Registration
from .services import REGISTRATION_CLOSED_MESSAGES, RegistrationError, register_delegate
from .tokens import access_key_from_token


@rate_limit("registration")
def register(request, meeting_slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    state = meeting.registration_state()
    if state != "open":
        return render(
            request,
            "delegates/registration_closed.html",
            {"meeting": meeting, "message": REGISTRATION_CLOSED_MESSAGES[state]},
            status=403 if request.method == "POST" else 200,
        )
    form = RegistrationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form.fields
        }
        try:
            register_delegate(meeting=meeting, data=data)
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("delegates:registration_done", meeting_slug=meeting.slug)
    return render(
        request, "delegates/register.html", {"meeting": meeting, "form": form}
    )


def registration_done(request, meeting_slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    return render(request, "delegates/registration_done.html", {"meeting": meeting})


def get_registration_from_token(meeting, token):
    """The registration a private link opens, or 404 for a forged or foreign link."""
    access_key = access_key_from_token(token)
    if access_key is None:
        raise Http404("This link is not valid.")
    return get_object_or_404(
        Registration.objects.select_related("meeting"),
        meeting=meeting,
        access_key=access_key,
    )


def manage_registration(request, meeting_slug, token):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    registration = get_registration_from_token(meeting, token)
    return render(
        request,
        "delegates/manage.html",
        {"meeting": meeting, "registration": registration},
    )
