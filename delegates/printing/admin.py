"""Printing from the registration list: badges and visa support letters.

Up to JOBS_INLINE_LIMIT registrations, an action answers with the PDF; beyond,
it starts a job (printing/jobs.py) and opens the job's page.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from consultation.jobs.admin import redirect_to_job
from consultation.pdf import pdf_response
from consultation.signin.second_factor import confirm_second_factor_url
from consultation.signin.services import record_personal_data_export

from ..enums import Attendance, RegistrationStatus
from ..permissions import can_view_passport_data, passport_data_shown
from .badges import badge_order_key, badge_registrations, print_badges, reissue_badge
from .jobs import start_badges_job, start_visa_letters_job
from .visa_letters import render_visa_letters, visa_letter_problem


class PrintingActionsMixin:
    """The registration list's actions that print: badges (A4, A6), visa letters.

    The admin lists them by name in its ``actions``: "print_badges_a4",
    "print_badges_a6", "reissue_badges", "visa_letters". One registration's badge
    and visa letter also open from its change page (``badge_view``,
    ``visa_letter_view``).
    """

    def has_view_passport_data_permission(self, request):
        return can_view_passport_data(request.user)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/badge.pdf",
                self.admin_site.admin_view(self.badge_view),
                name="delegates_registration_badge",
            ),
            path(
                "<path:object_id>/visa-letter.pdf",
                self.admin_site.admin_view(self.visa_letter_view),
                name="delegates_registration_visa_letter",
            ),
            *super().get_urls(),
        ]

    def badge_view(self, request, object_id):
        """One approved registration's badge (A6), for staff who may view it."""
        registration = self._registration_or_404(request, object_id)
        if not registration.gets_badge:
            self.message_user(
                request,
                _("An online participant gets no badge.")
                if registration.is_online
                else _("A badge is printed only for an approved registration."),
                messages.ERROR,
            )
            return self._back_to_change_page(registration)
        record_personal_data_export(
            user=request.user, what=gettext("Badge"), rows=1, passport_data=False
        )
        printed = print_badges([registration], layout="a6")
        if printed.unreadable_photos:
            self.message_user(
                request,
                _(
                    "The photo of %(name)s could not be read: the badge shows a "
                    "placeholder. Upload the photo again and print it anew."
                )
                % {"name": registration.full_name},
                messages.WARNING,
            )
        return pdf_response(printed.pdf, "badge.pdf")

    def visa_letter_view(self, request, object_id):
        """One registration's visa letter, for staff who may see passport data."""
        registration = self._registration_or_404(request, object_id)
        if not can_view_passport_data(request.user):
            raise PermissionDenied
        if not passport_data_shown(request):
            return HttpResponseRedirect(
                confirm_second_factor_url(request.get_full_path())
            )
        problem = visa_letter_problem(registration)
        if problem:
            self.message_user(request, problem, messages.ERROR)
            return self._back_to_change_page(registration)
        record_personal_data_export(
            user=request.user, what=gettext("Visa letter"), rows=1, passport_data=True
        )
        return pdf_response(
            render_visa_letters([registration]), "visa-support-letter.pdf"
        )

    def _registration_or_404(self, request, object_id):
        registration = self.get_object(request, unquote(object_id))
        if registration is None:
            raise Http404(_("There is no such registration."))
        if not self.has_view_permission(request, registration):
            raise PermissionDenied
        return registration

    def _back_to_change_page(self, registration):
        return HttpResponseRedirect(
            reverse("admin:delegates_registration_change", args=[registration.pk])
        )

    @admin.action(
        description=_("Print badges of the selected, 4 per A4 sheet"),
        permissions=["view"],
    )
    def print_badges_a4(self, request, queryset):
        return self._print_badges(request, queryset, layout="a4")

    @admin.action(
        description=_("Print badges of the selected, one per A6 page"),
        permissions=["view"],
    )
    def print_badges_a6(self, request, queryset):
        return self._print_badges(request, queryset, layout="a6")

    def _print_badges(self, request, queryset, *, layout):
        approved = queryset.with_badge().count()
        online = queryset.filter(
            status=RegistrationStatus.APPROVED, attendance=Attendance.ONLINE
        ).count()
        skipped = queryset.count() - approved - online
        if online:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected participant takes part online and gets no "
                    "badge.",
                    "%(count)d selected participants take part online and get no "
                    "badges.",
                    online,
                )
                % {"count": online},
                messages.WARNING,
            )
        if not approved:
            if not online:
                self.message_user(
                    request,
                    _(
                        "None of the selected registrations is approved: no badges "
                        "printed."
                    ),
                    messages.WARNING,
                )
            return None
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected registration is not approved and has no badge.",
                    "%(count)d selected registrations are not approved and have no "
                    "badges.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        # Recorded when asked for, also when a job makes the file: the job's
        # creator downloads it without a further record (consultation/jobs/views).
        record_personal_data_export(
            user=request.user,
            what=gettext("Badges (%(layout)s)") % {"layout": layout.upper()},
            rows=approved,
            passport_data=False,
        )
        if approved > settings.JOBS_INLINE_LIMIT:
            job = start_badges_job(
                registrations=queryset, layout=layout, by=request.user
            )
            return redirect_to_job(self, request, job)
        printed = print_badges(badge_registrations(queryset), layout=layout)
        if printed.unreadable_photos:
            self.message_user(
                request,
                ngettext(
                    "The photo of %(names)s could not be read: that badge shows a "
                    "placeholder. Upload the photo again and print it anew.",
                    "The photos of %(names)s could not be read: those badges show a "
                    "placeholder. Upload the photos again and print them anew.",
                    len(printed.unreadable_photos),
                )
                % {
                    "names": ", ".join(
                        registration.full_name
                        for registration in printed.unreadable_photos
                    )
                },
                messages.WARNING,
            )
        return pdf_response(printed.pdf, f"badges-{layout}.pdf", attachment=True)

    @admin.action(
        description=_("Reissue the badges of the selected (old badges stop working)"),
        permissions=["change"],
    )
    def reissue_badges(self, request, queryset):
        registrations = list(queryset)
        for registration in registrations:
            reissue_badge(registration, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d badge reissued: print it again; the old one now reads as "
                "unknown at the desk.",
                "%(count)d badges reissued: print them again; the old ones now read "
                "as unknown at the desk.",
                len(registrations),
            )
            % {"count": len(registrations)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Visa support letters of the selected (PDF)"),
        permissions=["view_passport_data"],
    )
    def visa_letters(self, request, queryset):
        if not passport_data_shown(request):
            self.message_user(
                request,
                _(
                    "Visa letters show passport data: confirm your second factor, "
                    "then print them again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(
                confirm_second_factor_url(request.get_full_path())
            )
        count = queryset.count()
        record_personal_data_export(
            user=request.user,
            what=gettext("Visa letters"),
            rows=count,
            passport_data=True,
        )
        if count > settings.JOBS_INLINE_LIMIT:
            job = start_visa_letters_job(registrations=queryset, by=request.user)
            return redirect_to_job(self, request, job)
        registrations = sorted(
            queryset.select_related("meeting", "delegation"), key=badge_order_key
        )
        ready = []
        for registration in registrations:
            problem = visa_letter_problem(registration)
            if problem:
                self.message_user(
                    request, f"{registration.full_name}: {problem}", messages.ERROR
                )
            else:
                ready.append(registration)
        if not ready:
            return None
        return pdf_response(
            render_visa_letters(ready), "visa-letters.pdf", attachment=True
        )
