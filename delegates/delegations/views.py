"""Public pages of a delegation: the nomination form and the focal point's link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultation.page_cache.kept_pages import empty_form_page
from consultation.security import rate_limit
from consultation.selectors import published_meeting
from consultation.uploads import private_upload_response

from ..bilaterals.selectors import bilaterals_of
from ..enums import OPEN_STATUSES, DelegationRole
from ..participants.selectors import delegation_members
from ..selectors import delegation_from_link, registration_state
from ..services import REGISTRATION_CLOSED_MESSAGES, RegistrationError
from ..uploads.private_files import CREDENTIALS_LETTER_NAME
from .forms import (
    CredentialsLetterForm,
    DelegationForm,
    MemberForm,
    member_formset_class,
)
from .services import (
    LETTER_EXPECTED,
    add_delegation_members,
    nominate_delegation,
    replace_delegation_member,
    submit_credentials_letter,
    withdraw_delegation_member,
)

NEW_MEMBER_ROWS = 2


@rate_limit("registration")
def nominate(request, meeting_slug):
    # The meeting as consultation/page_cache/middleware.py read it, when it did.
    meeting = published_meeting(request, meeting_slug)
    state = meeting.registration_state()
    if state != "open":
        return _closed(request, meeting, state)
    if request.method != "POST":
        return empty_form_page(
            request,
            meeting,
            template="delegates/delegation/nominate.html",
            form_context=lambda: {
                "form": DelegationForm(meeting=meeting),
                "formset": member_formset_class()(meeting=meeting, prefix="members"),
            },
            live_state=registration_state,
        )
    form = DelegationForm(request.POST, request.FILES, meeting=meeting)
    # The members' answers are kept for the category sent beside them (a
    # category the delegation's form refuses keeps the whole nomination out).
    formset = member_formset_class()(
        request.POST,
        meeting=meeting,
        prefix="members",
        chosen_category=request.POST.get("category"),
    )
    error = None
    # Validate both, so the focal point sees every mistake at once.
    if all([form.is_valid(), formset.is_valid()]):
        try:
            nominate_delegation(
                meeting=meeting,
                delegation_data=form.delegation_data(),
                members=formset.members_data(),
            )
        except RegistrationError as exception:
            error = str(exception)
        else:
            return redirect("delegates:delegation_done", meeting_slug=meeting.slug)
    return render(
        request,
        "delegates/delegation/nominate.html",
        {"meeting": meeting, "form": form, "formset": formset, "error": error},
    )


def nomination_done(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(request, "delegates/delegation/done.html", {"meeting": meeting})


@rate_limit("registration")
def manage(request, meeting_slug, token):
    """The focal point's page: the delegation, its members, and members to add."""
    delegation = delegation_from_link(request, meeting_slug, token)
    meeting = delegation.meeting
    members = delegation_members(delegation)
    seated = [member for member in members if member.status in OPEN_STATUSES]
    free_seats = (
        None if delegation.seat_quota is None else delegation.seat_quota - len(seated)
    )
    state = meeting.registration_state()
    formset = None
    error = None
    if state == "open" and (free_seats is None or free_seats > 0):
        formset = member_formset_class(
            extra=NEW_MEMBER_ROWS
            if free_seats is None
            else min(NEW_MEMBER_ROWS, free_seats)
        )(
            request.POST or None,
            meeting=meeting,
            prefix="members",
            existing_heads=sum(m.role == DelegationRole.HEAD for m in seated),
            delegation_category=delegation.category,
        )
        if request.method == "POST" and formset.is_valid():
            try:
                added = add_delegation_members(
                    delegation, members=formset.members_data()
                )
            except RegistrationError as exception:
                error = str(exception)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d member added; they will receive an email.",
                        "%(count)d members added; each will receive an email.",
                        len(added),
                    )
                    % {"count": len(added)},
                )
                return redirect(delegation.get_manage_url())
    elif request.method == "POST":
        error = (
            REGISTRATION_CLOSED_MESSAGES[state]
            if state != "open"
            else _("All the delegation's seats are taken.")
        )
    return render(
        request,
        "delegates/delegation/manage.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "members": members,
            "seated_count": len(seated),
            "free_seats": free_seats,
            "can_change": state == "open",
            "closed_message": REGISTRATION_CLOSED_MESSAGES.get(state),
            "formset": formset,
            "error": error,
            "token": token,
            "letter_expected": delegation.credentials_status in LETTER_EXPECTED,
            "bilaterals": bilaterals_of(delegation),
        },
    )


@rate_limit("registration")
def send_letter(request, meeting_slug, token):
    """Take the credentials letter while none is on file or after one was refused."""
    delegation = delegation_from_link(request, meeting_slug, token)
    form = CredentialsLetterForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            submit_credentials_letter(delegation, letter=form.cleaned_data["letter"])
        except RegistrationError as exception:
            error = str(exception)
        else:
            messages.success(
                request,
                _("Thank you: the secretariat will check the credentials letter."),
            )
            return redirect(delegation.get_manage_url())
    return render(
        request,
        "delegates/delegation/letter.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "form": form,
            "error": error,
            "token": token,
            "letter_expected": delegation.credentials_status in LETTER_EXPECTED,
            "bilaterals": bilaterals_of(delegation),
        },
    )


def own_credentials_letter(request, meeting_slug, token):
    """The delegation's credentials letter on file, from the focal point's link."""
    delegation = delegation_from_link(request, meeting_slug, token)
    if not delegation.credentials_letter:
        raise Http404(_("No credentials letter."))
    return private_upload_response(
        delegation.credentials_letter, download_name=CREDENTIALS_LETTER_NAME
    )


@rate_limit("registration")
def replace_member(request, meeting_slug, token, member_id):
    """Replace one member by another person in the same seat."""
    delegation = delegation_from_link(request, meeting_slug, token)
    member = get_object_or_404(
        delegation.members.filter(status__in=OPEN_STATUSES), pk=member_id
    )
    state = delegation.meeting.registration_state()
    if state != "open":
        return _closed(request, delegation.meeting, state)
    form = MemberForm(
        request.POST or None,
        initial={"role": member.role},
        meeting=delegation.meeting,
        delegation_category=delegation.category,
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            replacement = replace_delegation_member(
                delegation, member=member, data=form.member_data()
            )
        except RegistrationError as exception:
            error = str(exception)
        else:
            messages.success(
                request,
                _("%(old)s has been replaced by %(new)s.")
                % {"old": member.full_name, "new": replacement.full_name},
            )
            return redirect(delegation.get_manage_url())
    return render(
        request,
        "delegates/delegation/replace.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "member": member,
            "form": form,
            "error": error,
            "token": token,
        },
    )


@rate_limit("registration")
def withdraw_member(request, meeting_slug, token, member_id):
    """Ask for confirmation, then withdraw one member from the delegation."""
    delegation = delegation_from_link(request, meeting_slug, token)
    member = get_object_or_404(
        delegation.members.filter(status__in=OPEN_STATUSES), pk=member_id
    )
    state = delegation.meeting.registration_state()
    if state != "open":
        return _closed(request, delegation.meeting, state)
    error = None
    if request.method == "POST":
        try:
            withdraw_delegation_member(delegation, member=member)
        except RegistrationError as exception:
            error = str(exception)
        else:
            messages.success(
                request,
                _("%(name)s has been withdrawn from the delegation.")
                % {"name": member.full_name},
            )
            return redirect(delegation.get_manage_url())
    return render(
        request,
        "delegates/delegation/withdraw.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "member": member,
            "error": error,
            "token": token,
        },
    )


def _closed(request, meeting, state):
    return render(
        request,
        "delegates/registration_closed.html",
        {"meeting": meeting, "message": REGISTRATION_CLOSED_MESSAGES[state]},
        status=403 if request.method == "POST" else 200,
    )
