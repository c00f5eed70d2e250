"""Side events on the sidelines of a meeting: seats, waiting lists, invitation codes.

A side event is a session of the programme (agenda.models.SideEvent) with its own
registration and capacity. Delegates sign up from their private link; organisers
manage seats and codes in the admin.
"""
