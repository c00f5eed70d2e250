"""When two email addresses are the same mailbox: one rule for every check."""


def email_key(email: str) -> str:
    """The form of an address that decides whether two are the same mailbox.

    Letter case does not count: the rule of unique_registration_email_per_meeting,
    which compares Lower("email").
    """
    return email.lower()


def same_email(first: str, second: str) -> bool:
    """Whether two addresses are the same mailbox (see email_key)."""
    return email_key(first) == email_key(second)
