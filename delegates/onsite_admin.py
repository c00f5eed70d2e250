"""The admin for the week of the meeting: badges, visa letters, announcements.

`add_onsite_admin(RegistrationAdmin)` adds the actions and the side-event filter
to the registration list; the announcements' own admin is registered here.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agenda.enums import SignUpStatus
from agenda.models import SideEvent
from consultation.pdf import pdf_response

from .announcements import announcement_email, send_announcement
from .badges import (
    badge_order_key,
    badge_registrations,
    print_badges,
    reissue_badge,
)
from .enums import DeliveryStatus
from .letters import render_visa_letters, visa_letter_problem
from .models import Announcement, AnnouncementRecipient, CheckIn
from .permissions import can_view_passport_data
from .services import RegistrationError

PREVIEW_RECIPIENTS = 50


def add_onsite_admin(registration_admin):
    """Give the registration list its badge, letter and announcement actions."""
    registration_admin.actions = [
        *registration_admin.actions,
        _badges_action("a4", _("Print badges of the selected, 4 per A4 sheet")),
        _badges_action("a6", _("Print badges of the selected, one per A6 page")),
        reissue_badges,
        visa_letters,
        send_announcement_action,
    ]
    registration_admin.list_filter = [*registration_admin.list_filter, SideEventFilter]
    registration_admin.has_view_passport_data_permission = _can_view_passport_data
    registration_admin.has_send_announcement_permission = _can_send_announcements


def _can_view_passport_data(self, request):
    return can_view_passport_data(request.user)


def _can_send_announcements(self, request):
    return request.user.has_perm("delegates.add_announcement")


def _side_event_choices():
    # Three columns, not three whole rows a side event: the list shows this filter
    # on every page.
    side_events = SideEvent.objects.order_by("session__start", "pk").values_list(
        "pk", "session__title", "session__meeting__short_name"
    )
    return [
        (str(pk), f"{title} ({meeting_short_name})")
        for pk, title, meeting_short_name in side_events
    ]


class SideEventFilter(admin.SimpleListFilter):
    """People with a seat at a side event ("all DG Forum attendees"), or who asked
    for one when registering and await approval."""

    title = _("side event")
    parameter_name = "side_event"
    # A side event's id alone keeps meaning "seat booked", as in saved links.
    REQUESTED_SUFFIX = "-requested"

    def lookups(self, request, model_admin):
        choices = []
        for pk, name in _side_event_choices():
            choices.append((pk, _("%(side_event)s: seat") % {"side_event": name}))
            choices.append(
                (
                    pk + self.REQUESTED_SUFFIX,
                    _("%(side_event)s: requested at registration")
                    % {"side_event": name},
                )
            )
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        status = SignUpStatus.BOOKED
        if value.endswith(self.REQUESTED_SUFFIX):
            value = value.removesuffix(self.REQUESTED_SUFFIX)
            status = SignUpStatus.REQUESTED
        # isdecimal(), not isdigit(): "²" is a digit that int() refuses.
        if not value.isdecimal():
            return queryset
        return queryset.filter(
            side_event_signups__side_event=value,
            side_event_signups__status=status,
        )


class CheckInSideEventFilter(admin.SimpleListFilter):
    """Check-ins at one side event's door (choices in one query)."""

    title = _("side event")
    parameter_name = "side_event"

    def lookups(self, request, model_admin):
        return _side_event_choices()

    def queryset(self, request, queryset):
        if not self.value() or not self.value().isdecimal():
            return queryset
        return queryset.filter(side_event=self.value())


# Badges


def _badges_action(layout, description):
    @admin.action(description=description, permissions=["view"])
    def action(modeladmin, request, queryset):
        registrations = badge_registrations(queryset)
        skipped = queryset.count() - len(registrations)
        if not registrations:
            modeladmin.message_user(
                request,
                _("None of the selected registrations is approved: no badges printed."),
                messages.WARNING,
            )
            return None
        if skipped:
            modeladmin.message_user(
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
        printed = print_badges(registrations, layout=layout)
        if printed.unreadable_photos:
            modeladmin.message_user(
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

    action.__name__ = f"print_badges_{layout}"
    return action


@admin.action(
    description=_("Reissue the badges of the selected (old badges stop working)"),
    permissions=["change"],
)
def reissue_badges(modeladmin, request, queryset):
    registrations = list(queryset)
    for registration in registrations:
        reissue_badge(registration, by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d badge reissued: print it again; the old one now reads as "
            "unknown at the desk.",
            "%(count)d badges reissued: print them again; the old ones now read as "
            "unknown at the desk.",
            len(registrations),
        )
        % {"count": len(registrations)},
        messages.SUCCESS,
    )


# Check-ins


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Who was checked in where and when; the desk records them, organisers may
    delete one made by mistake."""

    list_display = ["registration", "day", "side_event", "at", "by"]
    list_filter = ["registration__meeting", "day", CheckInSideEventFilter]
    list_select_related = ["registration", "side_event__session", "by"]
    search_fields = ["registration__given_name", "registration__family_name"]
    date_hierarchy = "at"
    fields = ["registration", "day", "side_event", "at", "by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Visa letters


@admin.action(
    description=_("Visa support letters of the selected (PDF)"),
    permissions=["view_passport_data"],
)
def visa_letters(modeladmin, request, queryset):
    registrations = sorted(
        queryset.select_related("meeting", "delegation"), key=badge_order_key
    )
    ready = []
    for registration in registrations:
        problem = visa_letter_problem(registration)
        if problem:
            modeladmin.message_user(
                request, f"{registration.full_name}: {problem}", messages.ERROR
            )
        else:
            ready.append(registration)
    if not ready:
        return None
    return pdf_response(render_visa_letters(ready), "visa-letters.pdf", attachment=True)


# Announcements


class AnnouncementForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text=_(
            "Plain text. Each person is greeted by name, and their private link "
            "is added below your message."
        ),
    )


@admin.action(
    description=_("Send an announcement to the selected"),
    permissions=["send_announcement"],
)
def send_announcement_action(modeladmin, request, queryset):
    """Write, preview, then confirm: an intermediate page before anything is sent."""
    registrations = list(queryset.select_related("meeting").order_by("email", "pk"))
    if not registrations:
        # The selected were deleted meanwhile, or "select all" matched nobody.
        modeladmin.message_user(
            request,
            _("Nobody is selected: select at least one registration to write to."),
            messages.ERROR,
        )
        return None
    step = request.POST.get("announcement_step", "")
    form = AnnouncementForm(request.POST if step else None)
    meetings = {registration.meeting for registration in registrations}
    if len(meetings) > 1:
        modeladmin.message_user(
            request,
            _("Select registrations of one meeting: an announcement is per meeting."),
            messages.ERROR,
        )
        return None
    if step == "send" and form.is_valid():
        try:
            announcement = send_announcement(
                registrations=registrations,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except RegistrationError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return None
        _report_delivery(modeladmin, request, announcement)
        return HttpResponseRedirect(
            reverse("admin:delegates_announcement_change", args=[announcement.pk])
        )
    preview = None
    if step == "preview" and form.is_valid():
        sample = Announcement(
            meeting=registrations[0].meeting,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        first = registrations[0]
        preview = announcement_email(
            sample, AnnouncementRecipient(registration=first, email=first.email)
        )
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": _("Send an announcement"),
        "form": form,
        "preview": preview,
        "registrations": registrations,
        "shown_recipients": registrations[:PREVIEW_RECIPIENTS],
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action": "send_announcement_action",
    }
    return TemplateResponse(
        request, "admin/delegates/registration/send_announcement.html", context
    )


def _report_delivery(modeladmin, request, announcement):
    # Delivery runs after commit, so the announcement's page reports how it went.
    count = announcement.recipients.count()
    modeladmin.message_user(
        request,
        ngettext(
            "“%(subject)s” is on its way to %(count)d person; below is how each "
            "delivery went.",
            "“%(subject)s” is on its way to %(count)d people; below is how each "
            "delivery went.",
            count,
        )
        % {"subject": announcement.subject, "count": count},
        messages.SUCCESS,
    )


class AnnouncementRecipientInline(admin.TabularInline):
    """Who got it; failures sort first (failed, pending, sent)."""

    model = AnnouncementRecipient
    fields = ["email", "registration", "status", "error", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """The record of what was sent to whom; announcements are written from the
    registration list (action "Send an announcement to the selected")."""

    list_display = ["subject", "meeting", "sent_by", "created_at", "sent", "failed"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "sent_by"]
    search_fields = ["subject", "recipients__email"]
    fields = ["meeting", "subject", "body", "sent_by", "created_at", "delivery"]
    readonly_fields = fields
    inlines = [AnnouncementRecipientInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count(
                    "recipients", filter=Q(recipients__status=DeliveryStatus.SENT)
                ),
                failed_count=Count(
                    "recipients", filter=Q(recipients__status=DeliveryStatus.FAILED)
                ),
            )
        )

    @admin.display(description=_("delivery"))
    def delivery(self, announcement):
        """Counts by status, and every address that failed, in one line."""
        counts = dict.fromkeys(DeliveryStatus.values, 0)
        failed = []
        for email, status in announcement.recipients.values_list("email", "status"):
            counts[status] += 1
            if status == DeliveryStatus.FAILED:
                failed.append(email)
        summary = _("%(sent)d sent, %(failed)d failed, %(pending)d waiting.") % {
            "sent": counts[DeliveryStatus.SENT],
            "failed": counts[DeliveryStatus.FAILED],
            "pending": counts[DeliveryStatus.PENDING],
        }
        if failed:
            summary += " " + _("Not delivered to: %(emails)s.") % {
                "emails": ", ".join(sorted(failed))
            }
        return summary

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, announcement):
        return announcement.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, announcement):
        return announcement.failed_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
