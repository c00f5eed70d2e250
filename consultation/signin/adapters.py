"""Our rules for django-allauth: nobody signs up; SSO staff get their roles."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from .second_factor import has_second_factor
from .services import roles_from_claims, sync_staff_roles


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Local accounts are made by an administrator, never by sign-up."""
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """Enrolling the first factor follows the password just typed: ask no more.

        Once a factor exists, adding or removing one asks to confirm again.
        """
        user = self.request.user if self.request else None
        if app == "allauth.mfa" and user and not has_second_factor(user):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _claims(sociallogin) -> dict:
    # The ID token's claims, completed by the userinfo answer where fetched.
    data = sociallogin.account.extra_data
    return {**data.get("userinfo", {}), **data.get("id_token", {})}


class StaffSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        """The first SSO sign-in of a person with a mapped group makes their account."""
        return True

    def pre_social_login(self, request, sociallogin):
        """Refuse a person with no mapped group; refresh a known user's roles."""
        roles = roles_from_claims(_claims(sociallogin))
        if not roles:
            raise ImmediateHttpResponse(
                render(request, "signin/no_role.html", status=403)
            )
        if sociallogin.is_existing:
            sync_staff_roles(sociallogin.user, roles=roles)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        sync_staff_roles(user, roles=roles_from_claims(_claims(sociallogin)))
        return user
