"""Compile the interface catalogues (locale/*/LC_MESSAGES/*.po) into .mo files.

Replaces Django's compilemessages, which needs GNU gettext's msgfmt: polib writes
the same .mo files with nothing but Python, so `make run` works on a fresh machine
and the slim container image needs no system package.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue in LOCALE_PATHS into its .mo file (polib)."
    # Like Django's: runs at image build time, with no database to check.
    requires_system_checks = []

    def handle(self, *args, **options):
        catalogues = sorted(
            path
            for locale_path in settings.LOCALE_PATHS
            for path in Path(locale_path).glob("*/LC_MESSAGES/*.po")
        )
        for catalogue in catalogues:
            polib.pofile(str(catalogue)).save_as_mofile(
                str(catalogue.with_suffix(".mo"))
            )
        self.stdout.write(f"Compiled {len(catalogues)} catalogues.")
