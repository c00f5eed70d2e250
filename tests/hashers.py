"""A password hasher for the tests only: Django's PBKDF2 with one iteration.

Django's default runs a million PBKDF2 rounds per password (about half a second
here), and the factories hash a password for every user they make. The hash keeps
Django's `pbkdf2_sha256$<iterations>$...` form, so an app server or worker started
by a test (with the real hashers) still checks these passwords. No test is about
the cost of hashing; the sign-in tests check passwords through the real pages.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1
