"""Staff sign-in: second factor for everyone, single sign-on, idle sessions end.

django-allauth does the work (passwords, TOTP, WebAuthn, recovery codes, OpenID
Connect); this room holds our policy around it and the record of who exported
personal data.
"""
