"""How the admin shows a stored personal upload: what it is, never its stored name."""

from dataclasses import dataclass

from django.contrib.admin.widgets import AdminFileWidget

from .private_files import neutral_file_name


@dataclass(frozen=True)
class NeutralFile:
    """A stored file as Django's file input prints it: a name and an address."""

    name: str
    url: str

    def __str__(self):
        return self.name


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input for a personal upload.

    The stored file reads "Passport scan (PDF, 120 KB)" and links to its
    permission-checked address (delegates/uploads/views.py); the random name the
    storage gave it stays internal.
    """

    def __init__(self, *, label, attrs=None):
        super().__init__(attrs)
        self.label = label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = NeutralFile(
                name=neutral_file_name(str(self.label), value), url=value.url
            )
        return context
