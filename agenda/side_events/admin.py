"""Organisers' admin for side events: seats, waiting lists, invitation codes."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from consultation.admin_mixins import (
    ContentLanguagesAdmin,
    MeetingTimeZoneAdminMixin,
    ReadOnlyAdminMixin,
)
from consultation.signin.services import record_personal_data_export
from delegates.questions.enums import AskedAt
from delegates.questions.models import Question

from ..enums import SignUpStatus
from ..models import InvitationCode, SideEvent, SideEventSignUp
from .exports import signups_csv_response
from .forms import (
    AddAttendeesForm,
    InvitationCodeAdminForm,
    IssueCodesForm,
    SideEventAdminForm,
)
from .selectors import (
    SIDE_EVENT_ANSWERS,
    approved_without_signup,
    attendees,
    numbered,
    side_event_answers_of,
    waiting_list,
)
from .services import (
    SideEventError,
    book_side_event_seat,
    cancel_side_event_signup,
    issue_invitation_codes,
    set_side_event_capacity,
)


class SignUpInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A read-only list of sign-ups: seats change only through the services."""

    model = SideEventSignUp
    status = None
    fields = [
        "registration",
        "organisation",
        "email",
        "requested_at",
        "booked_at",
        "invitation_code",
        "added_by",
        "answers",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=self.status)
            .select_related("registration", "invitation_code", "added_by")
            .prefetch_related(SIDE_EVENT_ANSWERS)
        )

    @admin.display(description=_("answers"))
    def answers(self, signup):
        return answers_html(side_event_answers_of(signup))

    @admin.display(description=_("organisation"))
    def organisation(self, signup):
        return signup.registration.organisation

    @admin.display(description=_("email"))
    def email(self, signup):
        return signup.registration.email


class AttendeeInline(SignUpInline):
    status = SignUpStatus.BOOKED
    verbose_name = _("attendee")
    verbose_name_plural = _("attendees")
    ordering = ["booked_at", "requested_at", "pk"]


class WaitingListInline(SignUpInline):
    status = SignUpStatus.WAITLISTED
    verbose_name = _("waiting person")
    verbose_name_plural = _("waiting list (first in line first)")
    ordering = ["requested_at", "pk"]


class RequestedInline(SignUpInline):
    status = SignUpStatus.REQUESTED
    verbose_name = _("seat requested at registration")
    verbose_name_plural = _(
        "seats requested at registration (no seat yet: booked when the "
        "registration is approved)"
    )
    ordering = ["requested_at", "pk"]


@admin.register(SideEvent)
class SideEventAdmin(MeetingTimeZoneAdminMixin, ContentLanguagesAdmin):
    meeting_path = "session__meeting"

    form = SideEventAdminForm
    change_form_template = "admin/agenda/sideevent/change_form.html"
    list_display = [
        "__str__",
        "local_start_display",
        "organiser",
        "access",
        "seats_display",
        "waiting_display",
        "requested_display",
        "meeting_display",
    ]
    list_filter = ["session__meeting", "access"]
    list_select_related = ["session__meeting"]
    search_fields = ["session__title", "organiser"]
    readonly_fields = ["seats_taken", "questions_display", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["session", "organiser", "description"]}),
        (_("Seats"), {"fields": ["capacity", "seats_taken"]}),
        (
            _("Who may sign up"),
            {
                "fields": [
                    "access",
                    "eligible_categories",
                    "eligible_roles",
                    "allow_signup_at_registration",
                ]
            },
        ),
        (
            _("Questions at sign-up"),
            {
                "fields": ["questions_display"],
                "description": _(
                    "Delegates answer them when they sign up; their answers are "
                    "shown with each sign-up and in the CSV exports. A side event "
                    "that asks questions is not offered on the registration form, "
                    "which cannot ask them."
                ),
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [AttendeeInline, WaitingListInline, RequestedInline]
    actions = ["export_signups"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                waitlisted=Count(
                    "signups", filter=Q(signups__status=SignUpStatus.WAITLISTED)
                ),
                requested=Count(
                    "signups", filter=Q(signups__status=SignUpStatus.REQUESTED)
                ),
            )
        )

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/add-attendees/",
                self.admin_site.admin_view(self.add_attendees_view),
                name="agenda_sideevent_add_attendees",
            ),
            path(
                "<path:object_id>/export/<str:which>.csv",
                self.admin_site.admin_view(self.export_view),
                name="agenda_sideevent_export",
            ),
        ]
        return own + super().get_urls()

    @admin.display(description=_("starts (meeting time)"), ordering="session__start")
    def local_start_display(self, side_event):
        return side_event.session.local_start.strftime("%a %d %b %Y, %H:%M %Z")

    @admin.display(description=_("seats taken"), ordering="seats_taken")
    def seats_display(self, side_event):
        return f"{side_event.seats_taken} / {side_event.capacity}"

    @admin.display(description=_("waiting"), ordering="waitlisted")
    def waiting_display(self, side_event):
        return side_event.waitlisted

    @admin.display(description=_("requested"), ordering="requested")
    def requested_display(self, side_event):
        return side_event.requested

    @admin.display(description=_("meeting"), ordering="session__meeting")
    def meeting_display(self, side_event):
        return side_event.session.meeting.short_name

    @admin.display(description=_("questions"))
    def questions_display(self, side_event):
        """The side event's questions, each linked, and a link to add one."""
        if side_event.pk is None:
            return _("Save the side event first, then add its questions.")
        questions = Question.objects.filter(side_event=side_event).order_by(
            "position", "pk"
        )
        listed = format_html_join(
            "",
            '<li><a href="{}">{}</a>{}</li>',
            (
                (
                    reverse("admin:delegates_question_change", args=[question.pk]),
                    question.label,
                    f" ({_('archived')})" if question.archived else "",
                )
                for question in questions
            ),
        )
        add_url = (
            reverse("admin:delegates_question_add")
            + "?"
            + urlencode(
                {
                    "meeting": side_event.session.meeting_id,
                    "asked_at": AskedAt.SIDE_EVENT,
                    "side_event": side_event.pk,
                }
            )
        )
        return format_html(
            '<ul class="side-event-questions">{}</ul><a href="{}">{}</a>',
            listed,
            add_url,
            _("Add a question"),
        )

    def save_model(self, request, obj, form, change):
        """Save the side event; a new capacity goes through the seat service.

        The seat count is never written from the form: sign-ups may have changed
        it since the form was opened.
        """
        if not change:
            super().save_model(request, obj, form, change)
            return
        fields = [name for name in form.changed_data if name != "capacity"]
        if fields:
            obj.save(update_fields=[*fields, "updated_at"])
        if "capacity" in form.changed_data:
            try:
                promoted = set_side_event_capacity(
                    side_event=obj, capacity=form.cleaned_data["capacity"]
                )
            except SideEventError as error:
                self.message_user(request, str(error), messages.ERROR)
                obj.refresh_from_db(fields=["capacity", "seats_taken"])
            else:
                if promoted:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d person moved from the waiting list to a seat "
                            "and was emailed.",
                            "%(count)d people moved from the waiting list to a seat "
                            "and were emailed.",
                            len(promoted),
                        )
                        % {"count": len(promoted)},
                        messages.SUCCESS,
                    )

    def add_attendees_view(self, request, object_id):
        side_event = self._get_side_event(request, object_id)
        form = AddAttendeesForm(
            request.POST or None,
            queryset=approved_without_signup(side_event).order_by(
                "family_name", "given_name", "pk"
            ),
        )
        if request.method == "POST" and form.is_valid():
            self._add_attendees(request, side_event, form.cleaned_data["registrations"])
            return redirect(
                reverse("admin:agenda_sideevent_change", args=[side_event.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Add people by hand: %(side_event)s")
            % {"side_event": side_event},
            "side_event": side_event,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/agenda/sideevent/add_attendees.html", context
        )

    def _add_attendees(self, request, side_event, registrations):
        booked = waitlisted = 0
        for registration in registrations:
            try:
                signup = book_side_event_seat(
                    registration=registration,
                    side_event=side_event,
                    added_by=request.user,
                )
            except SideEventError as error:
                self.message_user(
                    request, f"{registration.full_name}: {error}", messages.ERROR
                )
                continue
            if signup.status == SignUpStatus.BOOKED:
                booked += 1
            else:
                waitlisted += 1
        if booked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was given a seat.",
                    "%(count)d people were given a seat.",
                    booked,
                )
                % {"count": booked},
                messages.SUCCESS,
            )
        if waitlisted:
            self.message_user(
                request,
                ngettext(
                    "The side event is full: %(count)d person was put on the "
                    "waiting list.",
                    "The side event is full: %(count)d people were put on the "
                    "waiting list.",
                    waitlisted,
                )
                % {"count": waitlisted},
                messages.WARNING,
            )

    def export_view(self, request, object_id, which):
        side_event = self._get_side_event(request, object_id, permission="view")
        lists = {"attendees": attendees, "waiting-list": waiting_list}
        if which not in lists:
            raise Http404(_("There is no such list to export."))
        signups = numbered(
            lists[which](side_event).prefetch_related(SIDE_EVENT_ANSWERS)
        )
        record_personal_data_export(
            user=request.user,
            what=(
                gettext("Side event attendees (CSV): %(title)s")
                if which == "attendees"
                else gettext("Side event waiting list (CSV): %(title)s")
            )
            % {"title": side_event.session.title},
            rows=len(signups),
            passport_data=False,
        )
        return signups_csv_response(
            signups, filename=f"{side_event.session.slug}-{which}.csv"
        )

    @admin.action(
        description=_("Export attendees and waiting lists (CSV)"),
        permissions=["view"],
    )
    def export_signups(self, request, queryset):
        signups = []
        for side_event in queryset.select_related("session").order_by(
            "session__start", "pk"
        ):
            for signups_of in (attendees, waiting_list):
                signups += numbered(
                    signups_of(side_event).prefetch_related(SIDE_EVENT_ANSWERS)
                )
        record_personal_data_export(
            user=request.user,
            what=gettext("Side event attendees and waiting lists (CSV)"),
            rows=len(signups),
            passport_data=False,
        )
        return signups_csv_response(signups, filename="side-event-signups.csv")

    def _get_side_event(self, request, object_id, *, permission="change"):
        """The side event of an address, or 404 (a malformed id included)."""
        try:
            side_event = SideEvent.objects.select_related("session__meeting").get(
                pk=object_id
            )
        except (SideEvent.DoesNotExist, ValueError) as error:
            raise Http404(_("There is no such side event.")) from error
        allowed = getattr(self, f"has_{permission}_permission")(request, side_event)
        if not allowed:
            raise PermissionDenied
        return side_event


@admin.register(SideEventSignUp)
class SideEventSignUpAdmin(
    MeetingTimeZoneAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    meeting_path = "side_event__session__meeting"

    """Sign-ups, read only; cancelling goes through the seat service."""

    list_display = [
        "registration",
        "side_event",
        "status",
        "requested_at",
        "booked_at",
        "invitation_code",
        "added_by",
    ]
    list_filter = ["side_event__session__meeting", "status", "side_event"]
    list_select_related = [
        "registration",
        "side_event__session",
        "invitation_code",
        "added_by",
    ]
    search_fields = [
        "registration__given_name",
        "registration__family_name",
        "registration__email",
    ]
    actions = ["cancel_selected"]

    def has_cancel_permission(self, request):
        return request.user.has_perm("agenda.delete_sideeventsignup")

    @admin.action(
        description=_("Cancel selected sign-ups (the waiting list moves up)"),
        permissions=["cancel"],
    )
    def cancel_selected(self, request, queryset):
        cancelled = promoted = 0
        for signup in queryset.select_related("registration", "side_event__session"):
            try:
                promoted += len(
                    cancel_side_event_signup(
                        registration=signup.registration,
                        side_event=signup.side_event,
                        by=request.user,
                    )
                )
            except SideEventError as error:
                self.message_user(request, f"{signup}: {error}", messages.ERROR)
            else:
                cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d sign-up cancelled.",
                "%(count)d sign-ups cancelled.",
                cancelled,
            )
            % {"count": cancelled}
            + " "
            + ngettext(
                "%(count)d person moved up from the waiting list.",
                "%(count)d people moved up from the waiting list.",
                promoted,
            )
            % {"count": promoted},
            messages.SUCCESS,
        )


@admin.register(InvitationCode)
class InvitationCodeAdmin(MeetingTimeZoneAdminMixin, admin.ModelAdmin):
    meeting_path = "side_event__session__meeting"

    form = InvitationCodeAdminForm
    change_list_template = "admin/agenda/invitationcode/change_list.html"
    list_display = [
        "code",
        "side_event",
        "label",
        "uses",
        "max_uses",
        "created_at",
        "created_by",
    ]
    list_filter = ["side_event__session__meeting", "side_event"]
    list_select_related = ["side_event__session", "created_by"]
    search_fields = ["code", "label"]
    fields = ["code", "side_event", "label", "max_uses", "uses", "created_by"]
    readonly_fields = ["code", "side_event", "uses", "created_by"]

    def has_add_permission(self, request):
        # Codes are issued in batches by the generate view, never typed in.
        return False

    def get_urls(self):
        own = [
            path(
                "generate/",
                self.admin_site.admin_view(self.generate_view),
                name="agenda_invitationcode_generate",
            )
        ]
        return own + super().get_urls()

    def save_model(self, request, obj, form, change):
        # Never write ``uses`` from the form: sign-ups may have counted one since.
        obj.save(update_fields=[*form.changed_data])

    def generate_view(self, request):
        if not request.user.has_perm("agenda.add_invitationcode"):
            raise PermissionDenied
        form = IssueCodesForm(
            request.POST or None,
            initial={"side_event": request.GET.get("side_event")},
        )
        codes = []
        if request.method == "POST" and form.is_valid():
            try:
                codes = issue_invitation_codes(
                    side_event=form.cleaned_data["side_event"],
                    count=form.cleaned_data["count"],
                    max_uses=form.cleaned_data["max_uses"],
                    label=form.cleaned_data["label"],
                    by=request.user,
                )
            except SideEventError as error:
                form.add_error(None, str(error))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Generate invitation codes"),
            "form": form,
            "codes": codes,
        }
        return TemplateResponse(
            request, "admin/agenda/invitationcode/generate.html", context
        )


# Filters for the lists of other apps: registrations and check-ins by side event.


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


def answers_html(answers):
    """A sign-up's answers to its side event's questions, as a short list."""
    if not answers:
        return "—"
    return format_html(
        '<dl class="side-event-answers">{}</dl>',
        format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((answer.question.label, answer.display_value()) for answer in answers),
        ),
    )
