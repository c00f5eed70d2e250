"""Invitation codes: random, unguessable, and easy to read out or type."""

import re
import secrets

# No 0/O, 1/I/L: codes are printed on letters and typed by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4  # 16 characters of 31 symbols: about 79 bits of randomness


def generate_invitation_code() -> str:
    """Return a new random code such as ``7KQ4-MZ2D-X9HP-3RTA``."""
    characters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return _grouped(characters)


def normalise_invitation_code(value: str) -> str:
    """Return a typed code in its stored form (case, spaces and dashes forgiven)."""
    return _grouped(re.sub(r"[\s\-]", "", value or "").upper())


def _grouped(characters: str) -> str:
    return "-".join(
        characters[start : start + GROUP_LENGTH]
        for start in range(0, len(characters), GROUP_LENGTH)
    )
