"""Erase delegates' personal data after a meeting, or for one person on request."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from delegates.models import Registration
from delegates.personal_data import (
    MAX_RETENTION_DAYS,
    erase_personal_data,
    held_personal_fields,
    registrations_due_for_erasure,
    registrations_holding_personal_data,
)


class Command(BaseCommand):
    help = (
        "Erase passport data, dates of birth, emergency contacts, dietary and "
        "accessibility needs and badge photos: of every meeting that ended more "
        "than --days ago, or of one person (--registration or --email) at once. "
        "Status, category, country and gender stay for the statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after a meeting's last day to keep the data (default: "
            f"PERSONAL_DATA_RETENTION_DAYS, {settings.PERSONAL_DATA_RETENTION_DAYS}).",
        )
        person = parser.add_mutually_exclusive_group()
        person.add_argument(
            "--registration",
            type=int,
            metavar="ID",
            help="Erase now for this registration, whenever its meeting ends.",
        )
        person.add_argument(
            "--email",
            help="Erase now for every registration with this email address.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be erased and change nothing.",
        )

    def handle(self, *args, **options):
        registrations, reason = self.select(options)
        dry_run = options["dry_run"]
        count = 0
        for registration in registrations:
            if dry_run:
                fields = held_personal_fields(registration)
            else:
                fields = erase_personal_data(registration, reason=reason)
            if fields:
                count += 1
                self.stdout.write(
                    f"{'Would erase' if dry_run else 'Erased'} registration "
                    f"{registration.pk} ({registration.meeting.slug}): "
                    f"{', '.join(fields)}"
                )
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} personal data of {count} registration(s)."
                + (" Nothing was changed (dry run)." if dry_run else "")
            )
        )

    def select(self, options):
        if options["registration"] is not None:
            if options["days"] is not None:
                raise CommandError("--days does not apply to one person's erasure.")
            pk = options["registration"]
            matches = Registration.objects.filter(pk=pk)
            if not matches.exists():
                raise CommandError(f"No registration has the id {pk}.")
            return self.with_data(matches), f"request for registration {pk}"
        if options["email"] is not None:
            if options["days"] is not None:
                raise CommandError("--days does not apply to one person's erasure.")
            email = options["email"].strip()
            matches = Registration.objects.with_email(email)
            if not matches.exists():
                raise CommandError(f"No registration has the email address {email}.")
            return self.with_data(matches), "request by email address"
        days = options["days"]
        if days is None:
            days = settings.PERSONAL_DATA_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days cannot be negative.")
        if days > MAX_RETENTION_DAYS:
            raise CommandError(
                f"--days cannot be more than {MAX_RETENTION_DAYS} (100 years)."
            )
        due = registrations_due_for_erasure(retention_days=days)
        return due, f"{days} days after the meeting ended"

    @staticmethod
    def with_data(queryset):
        return registrations_holding_personal_data(queryset).select_related("meeting")
