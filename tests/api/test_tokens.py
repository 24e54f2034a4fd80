"""Personal API tokens: lifecycle in the service and use over HTTP."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests import factories
from tests.api.conftest import ApiClient
from verbund.core.models import ApiToken, AuditEntry
from verbund.core.services import tokens

pytestmark = pytest.mark.django_db


def test_create_stores_only_the_hash_and_a_prefix():
    user = factories.user("tina")
    token, plaintext = tokens.create_token(user, "Import-Skript")

    assert plaintext.startswith("vb_") and len(plaintext) > 40
    assert token.prefix == plaintext[:8]
    assert token.key_hash == tokens.hash_token(plaintext) != plaintext
    assert not ApiToken.objects.filter(key_hash__contains=plaintext[8:]).exists()
    entry = AuditEntry.objects.get(action="core.apitoken.created")
    assert entry.user == user and entry.data["prefix"] == token.prefix
    assert plaintext not in str(entry.data)


def test_authenticate_returns_the_owner_and_notes_the_use():
    user = factories.user("tina")
    token, plaintext = tokens.create_token(user, "CI")

    assert tokens.authenticate_token(plaintext) == user
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute():
    user = factories.user("tina")
    token, plaintext = tokens.create_token(user, "CI")
    recently = timezone.now() - datetime.timedelta(seconds=20)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recently)

    tokens.authenticate_token(plaintext)
    token.refresh_from_db()
    assert token.last_used_at == recently

    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    tokens.authenticate_token(plaintext)
    token.refresh_from_db()
    assert token.last_used_at > long_ago


@pytest.mark.parametrize("plaintext", ["", "vb_wrong", "not-a-token", "vb_" + "x" * 43])
def test_unknown_tokens_are_rejected(plaintext):
    tokens.create_token(factories.user("tina"), "CI")
    assert tokens.authenticate_token(plaintext) is None


def test_expired_token_is_rejected():
    past = timezone.now() - datetime.timedelta(days=1)
    _token, plaintext = tokens.create_token(factories.user("tina"), "alt", expires_at=past)
    assert tokens.authenticate_token(plaintext) is None


def test_token_valid_until_it_expires():
    future = timezone.now() + datetime.timedelta(days=30)
    user = factories.user("tina")
    _token, plaintext = tokens.create_token(user, "befristet", expires_at=future)
    assert tokens.authenticate_token(plaintext) == user


def test_inactive_user_is_rejected():
    user = factories.user("tina")
    _token, plaintext = tokens.create_token(user, "CI")
    user.is_active = False
    user.save()
    assert tokens.authenticate_token(plaintext) is None


def test_revoke_deletes_the_token_and_records_it():
    user = factories.user("tina")
    token, plaintext = tokens.create_token(user, "CI")

    tokens.revoke_token(token, user)

    assert not ApiToken.objects.exists()
    assert tokens.authenticate_token(plaintext) is None
    entry = AuditEntry.objects.get(action="core.apitoken.revoked")
    assert entry.user == user and entry.data["name"] == "CI"


def test_only_the_owner_may_revoke():
    token, _plaintext = tokens.create_token(factories.user("tina"), "CI")
    with pytest.raises(PermissionDenied):
        tokens.revoke_token(token, factories.user("mallory"))
    assert ApiToken.objects.filter(pk=token.pk).exists()


# Over HTTP ----------------------------------------------------------------------------


def test_request_with_token_is_authenticated(org_a):
    user = factories.user("tina", organization=org_a)
    _token, plaintext = tokens.create_token(user, "CI")

    response = ApiClient(plaintext).get("organizations")

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "header",
    ["Bearer vb_falsch", "Bearer ", "Token vb_x", "Basic dGluYTpzZWNyZXQ=", "vb_nur-der-token"],
)
def test_wrong_token_is_401_json(client, header):
    response = client.get("/api/v1/organizations", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Anmeldung erforderlich")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_and_revoked_tokens_are_401(org_a):
    user = factories.user("tina", organization=org_a)
    past = timezone.now() - datetime.timedelta(minutes=1)
    _expired, expired_plain = tokens.create_token(user, "alt", expires_at=past)
    revoked, revoked_plain = tokens.create_token(user, "weg")
    tokens.revoke_token(revoked, user)

    assert ApiClient(expired_plain).get("organizations").status_code == 401
    assert ApiClient(revoked_plain).get("organizations").status_code == 401


def test_token_of_deactivated_user_is_401(org_a):
    user = factories.user("tina", organization=org_a)
    _token, plaintext = tokens.create_token(user, "CI")
    user.is_active = False
    user.save()

    assert ApiClient(plaintext).get("organizations").status_code == 401
