"""Decisions on a registration's own admin page, with the capacity rules of the list.

RegistrationAdmin takes this mixin in its bases: the Approve, Waitlist, Reject and
Cancel buttons post to `decide_view`, which calls the same service as the bulk
actions (delegates.services.change_status), so seats are counted the same way.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..enums import RegistrationStatus
from ..services import ALLOWED_TRANSITIONS, RegistrationError, change_status
from .forms import DECISIONS, DecisionForm
from .selectors import vetting_context


class RegistrationDecisionsMixin:
    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(require_POST(self.decide_view)),
                name="delegates_registration_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, unquote(object_id))
        if registration is not None:
            extra_context = {
                **(extra_context or {}),
                **vetting_context(registration),
                "decisions": self._decisions(request, registration),
                "decision_form": DecisionForm(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        """Apply one decision and come back to the page (or go to the next one)."""
        registration = self.get_object(request, unquote(object_id))
        if registration is None:
            raise Http404(_("There is no such registration."))
        if not self.has_change_permission(request, registration):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Choose a decision."), messages.ERROR)
            return self._back_to(registration)
        wanted = form.status
        try:
            reached = change_status(
                registration,
                to=wanted,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except RegistrationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return self._back_to(registration)
        if reached != wanted:
            self.message_user(
                request,
                _("The meeting is full: %(name)s was put on the waiting list.")
                % {"name": registration.full_name},
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                _("%(name)s: %(status)s.")
                % {
                    "name": registration.full_name,
                    "status": RegistrationStatus(reached).label,
                },
                messages.SUCCESS,
            )
        if form.cleaned_data["then_next"]:
            following = vetting_context(registration)["next_pending"]
            if following is not None:
                return HttpResponseRedirect(self._change_url(following))
        return self._back_to(registration)

    def _decisions(self, request, registration):
        """The buttons this user may press for this registration now."""
        if not self.has_change_permission(request, registration):
            return []
        allowed = ALLOWED_TRANSITIONS[registration.status]
        return [
            (name, label)
            for name, (status, label) in DECISIONS.items()
            if status in allowed
        ]

    def _back_to(self, registration):
        return HttpResponseRedirect(self._change_url(registration.pk))

    def _change_url(self, pk):
        return reverse("admin:delegates_registration_change", args=[pk])
