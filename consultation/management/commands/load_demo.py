"""Load the model meeting (``consultation.demo``) and print how to try it."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from consultation.demo import load_demo_meeting
from consultation.demo.meeting import DEMO_TOTP_SECRET, demo_recovery_codes


class Command(BaseCommand):
    help = "Load or refresh the demo meeting, agenda, registrations and demo login."

    def handle(self, *args, **options):
        demo = load_demo_meeting()
        self.stdout.write(
            self.style.SUCCESS(f"Demo meeting ready: {demo.meeting.title}")
        )
        self.write_dg_forum_codes(demo)
        username, password = demo.organiser_login
        self.stdout.write(
            self.style.WARNING(
                "DEMO ONLY - organiser login for this local demo: "
                f"username '{username}', password '{password}'. "
                "Never load demo data on a production site."
            )
        )
        username, password = demo.admin_login
        self.stdout.write(
            self.style.WARNING(
                "DEMO ONLY - account administrator (superuser) login: "
                f"username '{username}', password '{password}'."
            )
        )
        for username, password, role in demo.role_logins:
            self.stdout.write(
                self.style.WARNING(
                    f"DEMO ONLY - {role} login: username '{username}', "
                    f"password '{password}'."
                )
            )
        self.write_second_factor(demo)
        desk = reverse("desk:desk", kwargs={"meeting_slug": demo.meeting.slug})
        self.stdout.write(f"Check-in desk: {settings.SITE_URL}{desk}")

    def write_second_factor(self, demo):
        self.stdout.write(
            self.style.WARNING(
                "DEMO ONLY - every demo login asks for a second factor after the "
                "password: add the secret "
                f"{DEMO_TOTP_SECRET} to an authenticator app (time-based, 6 digits), "
                "or give one of these single-use recovery codes."
            )
        )
        logins = [demo.organiser_login, demo.admin_login, *demo.role_logins]
        for username, *_rest in logins:
            codes = ", ".join(demo_recovery_codes(username))
            self.stdout.write(f"  {username}: {codes}")

    def write_dg_forum_codes(self, demo):
        side_event = demo.dg_forum
        self.stdout.write(
            f"{side_event}: {side_event.seats_taken} of {side_event.capacity} seats "
            f"taken, {side_event.signups.count() - side_event.seats_taken} waiting."
        )
        self.stdout.write(
            "DEMO ONLY - unused invitation codes for the DG Forum: "
            + ", ".join(code.code for code in demo.spare_codes)
        )
        if demo.code_tester:
            delegate = demo.code_tester
            self.stdout.write(
                f"Try one as {delegate.full_name} (approved) from their private link: "
                f"{settings.SITE_URL}{delegate.get_private_url()}"
            )
