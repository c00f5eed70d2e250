from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultation.page_cache.kept_pages import empty_form_page
from consultation.security import rate_limit
from consultation.selectors import published_meeting

from .bilaterals.selectors import bilaterals_of, may_request_bilaterals
from .email_addresses import same_email
from .forms import CorrectionForm, RegistrationForm, ResendLinkForm
from .online.selectors import joining_sessions
from .questions.selectors import (
    answers_in_order,
    default_form,
    form_by_slug,
    meeting_forms,
)
from .selectors import registration_form_state, registration_from_token
from .services import (
    REGISTRATION_CLOSED_MESSAGES,
    RegistrationError,
    cancel_registration,
    confirm_email_change,
    delegate_may_change,
    email_change_request,
    register_delegate,
    send_link_again,
    update_registration,
)


@rate_limit("registration")
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, meeting_slug, form_slug=None):
    """A registration form: the one named, else the meeting's default form."""
    # The meeting as consultation/page_cache/middleware.py read it, when it did.
    meeting = published_meeting(request, meeting_slug)
    if form_slug is None:
        meeting_form = default_form(meeting)
    else:
        meeting_form = form_by_slug(meeting, form_slug)
        if meeting_form is None:
            raise Http404(_("This registration form does not exist."))
    state = (meeting_form or meeting).registration_state()
    if state == "open" and meeting_form is not None and meeting_form.is_full:
        state = "full"
    if state != "open":
        return render(
            request,
            "delegates/registration_closed.html",
            {
                "meeting": meeting,
                "meeting_form": meeting_form,
                "message": REGISTRATION_CLOSED_MESSAGES[state],
            },
            status=403 if request.method == "POST" else 200,
        )
    if request.method != "POST":
        return empty_registration_form(request, meeting, meeting_form)
    form = RegistrationForm(
        request.POST, request.FILES, meeting=meeting, meeting_form=meeting_form
    )
    if form.is_valid():
        try:
            register_delegate(
                meeting=meeting,
                meeting_form=meeting_form,
                data=form.registration_data(),
                side_events=form.chosen_side_events(),
                answers=form.answers(),
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("delegates:registration_done", meeting_slug=meeting.slug)
    return render(
        request,
        "delegates/register.html",
        {"meeting": meeting, "meeting_form": meeting_form, "form": form},
    )


def empty_registration_form(request, meeting, meeting_form):
    return empty_form_page(
        request,
        meeting,
        template="delegates/register.html",
        form_context=lambda: {
            "meeting_form": meeting_form,
            "form": RegistrationForm(meeting=meeting, meeting_form=meeting_form),
        },
        live_state=registration_form_state,
    )


def registration_forms(request, meeting_slug):
    """The meeting's registration forms: those open, and when the others open."""
    meeting = published_meeting(request, meeting_slug)
    forms = meeting_forms(meeting)
    if not forms:
        return redirect("delegates:register", meeting_slug=meeting.slug)
    return render(
        request,
        "delegates/registration_forms.html",
        {
            "meeting": meeting,
            "forms": [(form, form.registration_state()) for form in forms],
        },
    )


def registration_done(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(request, "delegates/registration_done.html", {"meeting": meeting})


def privacy_notice(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "delegates/privacy_notice.html",
        {
            "meeting": meeting,
            "secretariat_email": meeting.contact_email(),
        },
    )


@rate_limit("resend_link")
@require_http_methods(["GET", "HEAD", "POST"])
def resend_link(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    form = ResendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_link_again(meeting=meeting, email=form.cleaned_data["email"])
        return redirect("delegates:link_sent", meeting_slug=meeting.slug)
    return render(
        request, "delegates/resend_link.html", {"meeting": meeting, "form": form}
    )


def link_sent(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(request, "delegates/link_sent.html", {"meeting": meeting})


def invalid_link(request, meeting):
    return render(
        request, "delegates/link_invalid.html", {"meeting": meeting}, status=404
    )


@never_cache
@rate_limit("registration")
@require_http_methods(["GET", "HEAD", "POST"])
def manage_registration(request, meeting_slug, token):
    meeting = published_meeting(request, meeting_slug)
    registration = registration_from_token(meeting, token)
    if registration is None:
        return invalid_link(request, meeting)
    email_on_file = registration.email
    may_change = delegate_may_change(registration)
    form = None
    if may_change:
        form = CorrectionForm(
            request.POST or None,
            request.FILES or None,
            instance=registration,
            meeting=meeting,
        )
    elif request.method == "POST":
        messages.error(request, _("This registration can no longer be changed."))
        return redirect(request.path)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            correction = update_registration(
                registration, data=form.registration_data(), answers=form.answers()
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            new_email = form.cleaned_data["email"]
            email_to_confirm = not same_email(new_email, email_on_file)
            if email_to_confirm:
                # Said alike whether or not the address is registered already.
                messages.info(
                    request,
                    _(
                        "We sent a confirmation link to the new address, %(email)s. "
                        "Your registration keeps its current address until the "
                        "link is opened."
                    )
                    % {"email": new_email},
                )
            if correction is None:
                if not email_to_confirm:
                    messages.info(request, _("Nothing was changed."))
            elif correction.reopened_review:
                messages.warning(
                    request,
                    _(
                        "Your changes are saved. Because they concern who you are "
                        "or whom you represent, the secretariat will review your "
                        "registration again."
                    ),
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(request.path)
    if form is not None and form.is_bound:
        # The form changed the instance in memory; show what is really stored.
        registration.refresh_from_db()
    return render(
        request,
        "delegates/manage.html",
        {
            "meeting": meeting,
            "registration": registration,
            "answers": answers_in_order(registration),
            "joining_sessions": joining_sessions(registration),
            "bilaterals": bilaterals_of(registration.delegation)
            if may_request_bilaterals(registration)
            else None,
            "form": form,
            "may_change": may_change,
            "token": token,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_own_registration(request, meeting_slug, token):
    meeting = published_meeting(request, meeting_slug)
    registration = registration_from_token(meeting, token)
    if registration is None:
        return invalid_link(request, meeting)
    manage_url = registration.get_private_url()
    if request.method == "POST":
        try:
            cancel_registration(registration, by=None)
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect(manage_url)
    if not delegate_may_change(registration):
        messages.error(request, _("This registration can no longer be cancelled."))
        return redirect(manage_url)
    return render(
        request,
        "delegates/cancel.html",
        {"meeting": meeting, "registration": registration, "manage_url": manage_url},
    )


@never_cache
@rate_limit("registration")
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request, meeting_slug, token):
    """Confirm a new email address from the link sent to it, with a button.

    The link only shows the question: mail scanners open links, and opening one
    must not change anything.
    """
    meeting = published_meeting(request, meeting_slug)
    request_found = email_change_request(meeting=meeting, token=token)
    if request_found is None:
        return render(
            request,
            "delegates/email_confirm.html",
            {"meeting": meeting, "valid": False},
            status=404,
        )
    registration, new_email = request_found
    error = None
    if request.method == "POST":
        try:
            confirm_email_change(registration, new_email=new_email)
        except RegistrationError as exception:
            error = str(exception)
        else:
            messages.success(
                request,
                _("Your registration's email address is now %(email)s.")
                % {"email": new_email},
            )
            return redirect(registration.get_private_url())
    return render(
        request,
        "delegates/email_confirm.html",
        {
            "meeting": meeting,
            "valid": True,
            "new_email": new_email,
            "error": error,
        },
    )
