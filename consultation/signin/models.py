from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PersonalDataExport(models.Model):
    """One download of delegates' personal data by a staff member: who, what, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept when the account is deleted: the record outlives it.
    username = models.CharField(_("username"), max_length=150)
    what = models.CharField(_("what"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    passport_data = models.BooleanField(
        _("with passport data"),
        help_text=_("Whether passport numbers and other protected data were in it."),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(username=""), name="personal_data_export_names_who"
            )
        ]

    def __str__(self):
        return f"{self.username}: {self.what} ({self.rows})"
