"""Move personal uploads stored at a public address into the private storage."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from consultation.uploads import private_storage
from delegates.uploads.private_files import PRIVATE_UPLOADS


class Command(BaseCommand):
    help = (
        "Move badge photos and credentials letters left in MEDIA_ROOT (where "
        "uploads were kept before PRIVATE_MEDIA_ROOT) into the private storage, "
        "under the same names. Safe to run again: a file already moved is not "
        "copied twice, and a copy cut short is made again."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        private = private_storage()
        total = 0
        for folder in PRIVATE_UPLOADS:
            moved = self.move_folder(folder, private)
            total += moved
            self.stdout.write(
                f"{folder}/: {moved} file(s) moved from {default_storage.location} "
                f"to {private.location}."
            )
        if total:
            self.stdout.write(self.style.SUCCESS(f"Moved {total} file(s)."))
        else:
            self.stdout.write("Nothing to move: no personal upload is public.")

    def move_folder(self, folder, private):
        try:
            _, file_names = default_storage.listdir(folder)
        except FileNotFoundError:
            return 0
        for file_name in sorted(file_names):
            name = f"{folder}/{file_name}"
            copied = private.exists(name) and private.size(
                name
            ) == default_storage.size(name)
            if not copied:
                private.delete(name)  # a copy cut short, if any
                with default_storage.open(name, "rb") as public_file:
                    saved_as = private.save(name, public_file)
                if saved_as != name:
                    raise CommandError(f"{name} was stored as {saved_as}; stopped.")
            default_storage.delete(name)
            if self.verbosity > 1:
                self.stdout.write(f"  moved {name}")
        return len(file_names)
