from django.core.management.base import BaseCommand
from django.db import transaction

from delegates.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Create or update the Organiser, Registration desk and Viewer groups with "
        "their permissions. Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = sync_roles()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} permissions")
        self.stdout.write(self.style.SUCCESS("Roles are up to date."))
