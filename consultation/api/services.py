"""Tokens: issuing, revoking and recording their use."""

import datetime

from django.utils import timezone

from .models import LOOKUP_LENGTH, TOKEN_PREFIX, ApiToken, generate_secret, hash_secret

# A token's use is written at most this often for one address, so a busy client
# does not write a row for each request.
USE_RECORDED_EVERY = datetime.timedelta(minutes=1)


def issue_token(token: ApiToken, *, by) -> str:
    """Give the token a new secret and save it; return the secret, shown only once.

    Side effects: saves the token with the secret's hash and its first characters
    (to tell tokens apart); the secret itself is stored nowhere.
    """
    secret = generate_secret()
    token.lookup = secret[len(TOKEN_PREFIX) :][:LOOKUP_LENGTH]
    token.secret_hash = hash_secret(secret)
    if token.created_by_id is None:
        token.created_by = by
    token.save()
    return secret


def revoke_tokens(tokens, *, now=None) -> int:
    """Refuse these tokens from now on; return how many were still valid.

    Side effects: stamps revoked_at on those not yet revoked.
    """
    return tokens.filter(revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def record_use(token: ApiToken, *, address: str | None, now=None) -> None:
    """Note when and from where the token was last used.

    Side effects: updates the token's last_used_at and last_used_from, unless the
    same address used it less than USE_RECORDED_EVERY ago.
    """
    now = now or timezone.now()
    address = address or None
    if (
        token.last_used_at is not None
        and token.last_used_from == address
        and now - token.last_used_at < USE_RECORDED_EVERY
    ):
        return
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=now, last_used_from=address
    )
    token.last_used_at = now
    token.last_used_from = address
