"""Receivers: a sign-in starts the idle clock; enrolling counts as confirming."""

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import note_request
from .second_factor import has_second_factor


@receiver(user_logged_in, dispatch_uid="signin_start_idle_clock")
def start_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        note_request(request)


@receiver(authenticator_added, dispatch_uid="signin_enrolment_confirms")
def enrolment_confirms_second_factor(sender, request, user, authenticator, **kwargs):
    """Adding an authenticator proves it (its code or key was just checked)."""
    if authenticator.type in ("totp", "webauthn"):
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type
        )


@receiver(authenticator_removed, dispatch_uid="signin_last_factor_removed")
def last_factor_removed(sender, request, user, authenticator, **kwargs):
    """Without a factor left, the session must enrol one again."""
    if has_second_factor(user):
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        record for record in records if record.get("method") != "mfa"
    ]
