from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutgoingMail
from .services import resend_mail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Every email the site wrote, whether it left, and the mail server's error."""

    list_display = [
        "created_at",
        "to",
        "kind",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "kind", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["to"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = [
        "to",
        "from_email",
        "kind",
        "language",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "message_id",
        "meeting",
        "registration",
        "delegation",
        "created_at",
        "sent_at",
        "text_body",
        "html_body",
    ]
    readonly_fields = fields
    actions = ["resend"]

    @admin.display(description=_("last error"))
    def short_error(self, mail):
        return mail.last_error[:120]

    @admin.action(description=_("Send the selected again"), permissions=["change"])
    def resend(self, request, queryset):
        """A failed or given-up email is tried again; a sent one goes out as a copy."""
        resent = [mail for mail in queryset if resend_mail(mail) is not None]
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.",
                "%(count)d emails will be sent again.",
                len(resent),
            )
            % {"count": len(resent)},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def can_view_mails(user) -> bool:
    return user.has_perm("outbox.view_outgoingmail")


def mails_table(mails) -> str:
    """The emails of a registration or delegation as a read-only table, newest first.

    For a read-only field on their change pages (an inline would need its own
    form data in every save).
    """
    return render_to_string("admin/outbox/_mails_table.html", {"mails": list(mails)})
