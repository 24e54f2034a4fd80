"""Legal pages and privacy notices: public, edited by the operator's staff, audited."""

import pytest
from django.urls import reverse

from tests import factories
from verbund.core.demo.legal import load_legal_texts
from verbund.core.legal_models import LegalText
from verbund.core.models import AuditEntry
from verbund.core.services import legal

PAGE_URLS = ("core:imprint", "core:privacy_statement", "core:accessibility")


@pytest.fixture
def staff(db):
    return factories.user("betrieb", is_staff=True)


@pytest.fixture
def demo_texts(db):
    class Context:
        def log(self, message):
            pass

    load_legal_texts(Context())


@pytest.mark.parametrize("name", PAGE_URLS)
def test_legal_pages_are_public_and_linked_from_the_footer(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    assert "noch nicht hinterlegt" in response.content.decode()
    # Linked from every page, the login page of an anonymous visitor included.
    assert f'href="{url}"' in client.get(reverse("login")).content.decode()


def test_signed_in_pages_link_them_too(client, coordinator_a):
    client.force_login(coordinator_a)
    html = client.get(reverse("core:dashboard")).content.decode()
    for name in PAGE_URLS:
        assert f'href="{reverse(name)}"' in html
    assert reverse("core:legal_list") not in html  # editing is for the operator's staff


def test_demo_texts_name_controller_contact_and_enforcement(client, demo_texts):
    imprint = client.get(reverse("core:imprint")).content.decode()
    assert "Berliner Allee 17" in imprint
    statement = client.get(reverse("core:accessibility")).content.decode()
    assert "Schlichtungsstelle" in statement
    assert "teilweise mit der BITV 2.0 vereinbar." in statement  # prose flows, no <br>
    assert "30175 Hannover<br>" in imprint  # an address keeps its lines
    assert 'href="mailto:barrierefreiheit@verbund-hannover.example"' in statement
    assert "<h2>Feedback und Kontakt</h2>" in statement
    for key in legal.NOTICES:
        body = LegalText.objects.get(key=key).body
        for part in ("Zweck:", "Rechtsgrundlage:", "Speicherdauer:", "Verantwortlich:"):
            assert part in body, (key, part)


def test_every_capability_collecting_personal_data_has_a_notice():
    assert set(legal.NOTICES) >= {
        "hinweis-events",
        "hinweis-needs",
        "hinweis-economy",
        "hinweis-mobility",
        "hinweis-advice",
    }


def test_editing_needs_the_operators_staff(client, coordinator_a, staff):
    url = reverse("core:legal_edit", args=["impressum"])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(coordinator_a)
    assert client.get(url).status_code == 403
    assert client.get(reverse("core:legal_list")).status_code == 403
    assert client.post(url, {"title": "X", "body": "Y"}).status_code == 403
    assert not LegalText.objects.exists()
    client.force_login(staff)
    assert client.get(reverse("core:legal_list")).status_code == 200
    assert client.get(reverse("core:legal_edit", args=["unbekannt"])).status_code == 404


def test_staff_edits_and_every_version_stays_in_the_audit_log(client, staff):
    client.force_login(staff)
    url = reverse("core:legal_edit", args=["impressum"])
    response = client.post(url, {"title": "Impressum", "body": "## Anbieter\nKammer A"})
    assert response.status_code == 302
    client.post(url, {"title": "Impressum", "body": "## Anbieter\nKammer B"})
    text = LegalText.objects.get(key="impressum")
    assert text.body.endswith("Kammer B")
    entries = AuditEntry.objects.filter(action__startswith="core.legaltext.").order_by("pk")
    assert [entry.action for entry in entries] == [
        "core.legaltext.created",
        "core.legaltext.changed",
    ]
    assert "Kammer A" in str(entries[1].changes["body"])
    page = client.get(reverse("core:imprint")).content.decode()
    assert "<h2>Anbieter</h2>" in page and "Kammer B" in page


def test_empty_text_is_refused_with_a_german_message(client, staff):
    client.force_login(staff)
    response = client.post(reverse("core:legal_edit", args=["datenschutz"]), {"title": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not LegalText.objects.exists()


def test_text_is_escaped(client, staff):
    client.force_login(staff)
    client.post(
        reverse("core:legal_edit", args=["impressum"]),
        {"title": "Impressum", "body": "<script>alert(1)</script>"},
    )
    assert "<script>alert(1)" not in client.get(reverse("core:imprint")).content.decode()


def test_blocks_split_headings_and_paragraphs():
    blocks = legal.blocks("## Eins\nZeile a\nZeile b\n\nAbsatz\n## Zwei")
    assert [(block.heading, block.text) for block in blocks] == [
        (True, "Eins"),
        (False, "Zeile a\nZeile b"),
        (False, "Absatz"),
        (True, "Zwei"),
    ]
