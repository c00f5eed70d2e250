"""Email backends for tests: a mail server that refuses one address."""

import smtplib

from django.core.mail.backends import locmem

REFUSED_ADDRESS = "bounce@example.org"


class RefusesOneAddressBackend(locmem.EmailBackend):
    """Delivers to the outbox like locmem, but refuses REFUSED_ADDRESS as SMTP would."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED_ADDRESS in message.to:
                raise smtplib.SMTPRecipientsRefused(
                    {REFUSED_ADDRESS: (550, b"5.1.1 No such user")}
                )
        return super().send_messages(messages)


class UnreachableServerBackend(locmem.EmailBackend):
    """A mail server that is down: every send fails as SMTP would."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
