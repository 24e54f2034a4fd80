"""Personal API tokens: create (plaintext shown once), authenticate, revoke.

Only the SHA-256 hash of a token is stored, so a leaked database does not leak usable
tokens. The first characters (``prefix``) are kept in clear so that a user can tell
their tokens apart in the list.
"""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from verbund.core.models import ApiToken
from verbund.core.services import audit

# "vb_" marks the string as a verbund token (secret scanners, log filters); 32 random
# bytes give 43 URL-safe characters after it.
TOKEN_MARKER = "vb_"
TOKEN_BYTES = 32
PREFIX_LENGTH = 8
# last_used_at is informational; writing it on every request would make each API read
# a database write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def create_token(
    user, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the plaintext, which is never stored."""
    plaintext = TOKEN_MARKER + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=plaintext[:PREFIX_LENGTH],
        key_hash=hash_token(plaintext),
        expires_at=expires_at,
    )
    audit.record(
        token,
        "core.apitoken.created",
        user=user,
        data={
            "name": name,
            "prefix": token.prefix,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return token, plaintext


def authenticate_token(plaintext: str):
    """The active user the token belongs to, or None (unknown, expired, inactive user)."""
    if not plaintext or not plaintext.startswith(TOKEN_MARKER):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(plaintext)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def revoke_token(token: ApiToken, user) -> None:
    """Delete ``token``; only its owner (or a superuser) may revoke it."""
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("core.apitoken.revoke")
    audit.record(
        token,
        "core.apitoken.revoked",
        user=user,
        data={"name": token.name, "prefix": token.prefix, "owner": token.user_id},
    )
    token.delete()
