"""Online participation: who may take part online, and the joining links.

A meeting offers in-person attendance, online attendance, or both
(``Meeting.attendance_offer``); a registration says which it takes
(``Registration.attendance``). Online participants get no badge and no visa
letter; the sessions' joining links (``Session.joining_link``) are shown to them
once approved and emailed before their first session (``send_joining_links``).
"""
