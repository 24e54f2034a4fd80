"""Texts the platform stores (job messages, recommendation reasons) are shown in the
reader's language, and a finished job's last message reads right after "Fertig –"."""

import pytest
from django.utils import translation

from tests import factories
from verbund.core.services import jobs, stored_text


@jobs.register("tests.mail_like")
def _mail_like(job, progress):
    progress(0.1, "Die Einladungen werden versandt …")
    progress(1.0, stored_text.plural(
        "%(count)s Einladung versandt.", "%(count)s Einladungen versandt.", job.params["n"]
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("de", "1 Einladung versandt.", "1.250 Einladungen versandt."),
        ("en", "1 invitation sent.", "1,250 invitations sent."),
        ("fr", "1 invitation envoyée.", "1 250 invitations envoyées."),
    ],
)
def test_a_stored_plural_is_shown_in_the_readers_language(language, one, many):
    with translation.override(language):
        assert stored_text.render(stored_text.plural(
            "%(count)s Einladung versandt.", "%(count)s Einladungen versandt.", 1
        )) == one  # fmt: skip
        rendered = stored_text.render(stored_text.plural(
            "%(count)s Einladung versandt.", "%(count)s Einladungen versandt.", 1250
        ))  # fmt: skip
        assert rendered.replace("\u202f", " ").replace("\xa0", " ") == many


def test_plain_and_broken_stored_texts():
    with translation.override("en"):
        assert stored_text.render("Bericht erstellt.") == "Report created."
        assert stored_text.render("Kein Katalogtext") == "Kein Katalogtext"
        assert stored_text.render('{"t": "abgeschnitten') == '{"t": "abgeschnitten'
        assert stored_text.render("") == ""
    long = stored_text.text("Stichworte gefunden: %(words)s", words="x" * 300)
    assert stored_text.fits(long, 255) == ("Stichworte gefunden: " + "x" * 300)[:255]


def test_a_job_message_is_shown_in_the_language_of_the_page(client, db):
    user = factories.user("jana")
    job = jobs.start("tests.mail_like", user=user, title="Versand", params={"n": 3})
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "3 invitations sent." in page and "Einladungen" not in page
    client.cookies["django_language"] = "fr"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "3 invitations envoyées." in page


def test_no_registered_job_ends_on_a_message_of_work_under_way():
    """Each job's source: its last progress call must not be an '…' (under way) text."""
    import inspect

    from verbund.core.services.jobs import _REGISTRY

    for kind, function in _REGISTRY.items():
        if kind.startswith("tests."):
            continue
        source = inspect.getsource(function)
        last = source[source.rfind("progress(") :]
        assert "…" not in last, f"{kind} ends with a message of work under way: {last}"
