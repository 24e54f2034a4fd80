import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests import factories


def test_security_headers_and_csp(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_passwords_are_hashed_with_argon2_in_production():
    from verbund import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
        "VERBUND_VAR_DIR": str(tmp_path),
        "VERBUND_DEBUG": "0",
        "VERBUND_ALLOWED_HOSTS": "verbund.example.org",
        "VERBUND_SECRET_KEY": "k" * 20 + "Zq9!x#Lm2@Vb7$Nc4%Rt8&Yw1*Pe6(Ju3)Hs5",
    }
    env.pop("VERBUND_HTTPS", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "verbund", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, LOGIN_FAILURE_LIMIT=3)
def test_login_is_throttled_after_repeated_failures(client):
    factories.user("anika")
    url = reverse("login")
    for _attempt in range(3):
        client.post(url, {"username": "anika", "password": "falsch"})
    response = client.post(url, {"username": "anika", "password": "Verbund-Test-2026"})
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()


PASSWORD = "Verbund-Test-2026"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, LOGIN_FAILURE_LIMIT=3, LOGIN_IP_FAILURE_LIMIT=4)
def test_password_spraying_from_one_address_stops_at_unknown_accounts(client):
    """One password tried against many accounts: each account sees one failure only, so
    the address-wide limit stops it, but only for accounts never signed in from there."""
    factories.user("anika")
    factories.user("fritz")
    url = reverse("login")
    colleague = Client()  # anika works behind the same address and signed in before
    assert colleague.post(url, {"username": "anika", "password": PASSWORD}).status_code == 302
    codes = [
        client.post(url, {"username": name, "password": "Sommer2026"}).status_code
        for name in ["bernd", "carla", "dora", "emil"]
    ]
    # no single account reached its own limit; the fourth failure reached the address's
    assert codes == [200, 200, 200, 429]
    # the sprayer cannot go on with the next account, not even with the right password
    response = client.post(url, {"username": "fritz", "password": PASSWORD})
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    # the colleague behind the same address is not locked out
    response = Client().post(url, {"username": "anika", "password": PASSWORD})
    assert response.status_code == 302
    other = Client(REMOTE_ADDR="192.0.2.7")  # another address is not affected at all
    assert other.post(url, {"username": "fritz", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_46_failures_from_one_address_do_not_lock_the_organization_out(client):
    """Issue 24: 46 failed logins from one address locked out every user behind it."""
    names = ["anika", "bernd", "carla"]
    for name in names:
        factories.user(name)
        assert (
            Client().post(reverse("login"), {"username": name, "password": PASSWORD}).status_code
            == 302
        )
    for attempt in range(46):
        client.post(reverse("login"), {"username": f"rate{attempt % 9}", "password": "x"})
    client.post(reverse("login"), {"username": "anika", "password": "x"})  # a typo of hers
    for name in names:
        response = Client().post(reverse("login"), {"username": name, "password": PASSWORD})
        assert response.status_code == 302, name


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, LOGIN_FAILURE_LIMIT=5)
def test_an_account_is_locked_only_at_the_guessing_address(client):
    factories.user("anika")
    url = reverse("login")
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    for _attempt in range(5):
        attacker.post(url, {"username": "anika", "password": "falsch"})
    assert attacker.post(url, {"username": "anika", "password": PASSWORD}).status_code == 429
    assert client.post(url, {"username": "anika", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_login_works_and_lands_on_dashboard(client):
    factories.user("anika")
    response = client.post(
        reverse("login"), {"username": "anika", "password": "Verbund-Test-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")


@pytest.mark.django_db
def test_password_reset_sends_mail(client, mailoutbox):
    factories.user("anika")
    client.post(reverse("password_reset"), {"email": "anika@example.org"})
    assert len(mailoutbox) == 1
    assert "/konto/reset/" in mailoutbox[0].body


def test_csp_has_no_placeholder_nonce(client, db):
    """A literal 'nonce' source is invalid; django-csp adds 'nonce-…' only when a page uses it."""
    csp = client.get(reverse("login"))["Content-Security-Policy"]
    assert "'nonce'" not in csp


@pytest.mark.django_db
def test_ui_is_german_whatever_the_browser_asks_until_switched(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_password_reset_mail_names_the_account(client, mailoutbox):
    factories.user("anika")
    client.post(reverse("password_reset"), {"email": "anika@example.org"})
    assert "Ihr Benutzername: anika" in mailoutbox[0].body


def test_a_403_is_logged_as_one_line_without_traceback(client, db, caplog):
    """Issue 24: every 403 wrote a full traceback to the log."""
    user = factories.user("nobody")
    client.force_login(user)
    with caplog.at_level("WARNING", logger="django.request"):
        response = client.get(reverse("apprenticeship:plan_import"))
    assert response.status_code == 403
    forbidden = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(forbidden) == 1
    record = forbidden[0]
    assert record.exc_info is None and record.exc_text is None
    assert (
        "\n" not in record.getMessage()
        and reverse("apprenticeship:plan_import") in record.getMessage()
    )
