from django.dispatch import Signal

# Sent, inside the transaction that records it, when a message is sent, fails or is
# given up; `mail` is the OutgoingMail with its new status. Apps that keep their
# own record of a delivery (announcements) follow it from here.
mail_status_changed = Signal()
