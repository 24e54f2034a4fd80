"""Demo step: the operator's legal pages and privacy notices.

The demo operator is fictitious: a "Verbundstelle" of the Handwerkskammer Hannover (seed
000) runs the platform for its networks. Names, phone numbers and e-mail addresses are made
up (``.example``); an operator replaces every text on ``/rechtstexte/``.
"""

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.legal_models import LegalText
from verbund.core.services import legal

OPERATOR = "Handwerkskammer Hannover – Verbundstelle Aus- und Weiterbildung"
ADDRESS = "Berliner Allee 17, 30175 Hannover"
CONTROLLER = (
    f"Verantwortlich: {OPERATOR}, {ADDRESS}, datenschutz@verbund-hannover.example. "
    "Datenschutzbeauftragte: Dr. Ilka Brandes, dsb@verbund-hannover.example."
)

IMPRINT = f"""## Anbieter
{OPERATOR}
{ADDRESS}
Telefon 0511 000000-0
E-Mail verbund@verbund-hannover.example

## Rechtsform und Vertretung
Die Handwerkskammer Hannover ist eine Körperschaft des öffentlichen Rechts. Sie wird
vertreten durch den Präsidenten und den Hauptgeschäftsführer (Demo: Jens Albrecht).

## Aufsichtsbehörde
Niedersächsisches Ministerium für Wirtschaft, Verkehr, Bauen und Digitalisierung

## Umsatzsteuer-Identifikationsnummer
DE 000 000 000 (Demo)

## Inhaltlich verantwortlich
Maren Vogt, Leiterin der Verbundstelle, Anschrift wie oben

## Inhalte der Mitglieder
Angebote, Veranstaltungen und Berichte stellen die Organisationen der Netzwerke selbst ein;
für sie ist die jeweils genannte Organisation verantwortlich."""

PRIVACY = f"""## Verantwortliche Stelle
{CONTROLLER}

## Welche Daten wir verarbeiten und wozu
Benutzerkonten (Name, E-Mail, Organisation) zur Anmeldung und zur Zusammenarbeit in den
Netzwerken; Anmeldungen zu Veranstaltungen zur Durchführung der Veranstaltung;
Antworten auf Bedarfs- und Konjunkturumfragen zur zusammengefassten Auswertung (nie für
weniger als fünf Betriebe); Beratungsfälle zur Beratung; Bewerbungen um einen
Auslandsaufenthalt zur Vermittlung und Förderung.

## Rechtsgrundlagen
Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit den gesetzlichen Aufgaben der Kammern
(Handwerksordnung, Berufsbildungsgesetz) und der beteiligten Landkreise; Art. 6 Abs. 1
Buchst. b DSGVO für Anmeldungen und Verträge; Art. 6 Abs. 1 Buchst. a DSGVO, wo Sie
eingewilligt haben (Fotos, Newsletter). Eine Einwilligung können Sie jederzeit mit Wirkung
für die Zukunft widerrufen.

## Speicherdauer
Anmeldedaten bis sechs Monate nach der Veranstaltung; Umfrageantworten bis zum Ende der
übernächsten Welle; Beratungsfälle drei Jahre nach dem letzten Kontakt; Protokolle von
Änderungen zehn Jahre (Nachweispflichten).

## Ihre Rechte
Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung (Art. 18),
Widerspruch (Art. 21) und Beschwerde bei der Aufsichtsbehörde: Die Landesbeauftragte für
den Datenschutz Niedersachsen, Hannover.

## Cookies
Wir setzen nur technisch notwendige Cookies (Anmeldung, Sprache, Schutz vor fremden
Formularen). Es gibt keine Analyse- oder Werbedienste und keine Inhalte von Dritten."""

ACCESSIBILITY = """## Stand der Vereinbarkeit
Diese Plattform ist wegen der unten genannten Ausnahmen teilweise mit der BITV 2.0
vereinbar. Grundlage ist eine Selbstbewertung vom 1. Dezember 2026 mit automatischen
Prüfungen (axe) und Tests mit Tastatur und Bildschirmleser.

## Nicht barrierefreie Inhalte
Dokumente, die Mitglieder hochladen, sind nicht immer barrierefrei. Diagramme haben eine
Tabelle mit denselben Zahlen, aber keine Beschreibung der Verläufe.

## Feedback und Kontakt
Sind Ihnen Mängel aufgefallen? Schreiben Sie uns an barrierefreiheit@verbund-hannover.example
oder rufen Sie an: 0511 000000-12. Wir antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren
Erhalten Sie keine zufriedenstellende Antwort, können Sie sich an die Schlichtungsstelle
nach dem Niedersächsischen Behindertengleichstellungsgesetz (NBGG) bei der Landesbeauftragten
für Menschen mit Behinderungen wenden. Das Verfahren ist kostenlos; Sie brauchen keinen
Rechtsbeistand."""


def _notice(purpose: str, basis: str, retention: str) -> str:
    return (
        f"Zweck: {purpose}\n\nRechtsgrundlage: {basis}\n\nSpeicherdauer: {retention}\n\n"
        f"{CONTROLLER}"
    )


NOTICES = {
    "hinweis-events": _notice(
        "Durchführung der Veranstaltung: Bestätigung, Warteliste, Einlass und Teilnahmeliste.",
        "Art. 6 Abs. 1 Buchst. b DSGVO (Ihre Anmeldung); Fotos und Newsletter nur mit Ihrer "
        "Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO), die Sie jederzeit widerrufen können.",
        "bis sechs Monate nach der Veranstaltung; eine Einwilligung bis zu ihrem Widerruf.",
    ),
    "hinweis-needs": _notice(
        "Ermittlung des Qualifizierungsbedarfs der Betriebe in der Region; veröffentlicht "
        "werden nur Zusammenfassungen über mindestens fünf Betriebe.",
        "Art. 6 Abs. 1 Buchst. e DSGVO (Aufgabe der Kammern und Landkreise); die Teilnahme "
        "ist freiwillig.",
        "bis zum Ende der übernächsten Umfragewelle.",
    ),
    "hinweis-economy": _notice(
        "Konjunkturbericht der beteiligten Kammern; veröffentlicht werden nur "
        "Zusammenfassungen über mindestens fünf Betriebe.",
        "Art. 6 Abs. 1 Buchst. e DSGVO (§ 1 IHKG, § 91 HwO); die Teilnahme ist freiwillig.",
        "bis zum Ende der übernächsten Welle.",
    ),
    "hinweis-mobility": _notice(
        "Vermittlung eines Auslandsaufenthalts und Abrechnung der Förderung (Erasmus+).",
        "Art. 6 Abs. 1 Buchst. b DSGVO; bei Minderjährigen mit Einwilligung der "
        "Sorgeberechtigten (Art. 6 Abs. 1 Buchst. a, Art. 8 DSGVO).",
        "fünf Jahre nach Abschluss des Förderprojekts (Nachweispflicht gegenüber der "
        "Nationalen Agentur).",
    ),
    "hinweis-advice": _notice(
        "Beratung des Betriebs oder der Person und Nachfassen der Empfehlungen.",
        "Art. 6 Abs. 1 Buchst. e DSGVO (Beratungsauftrag der Beratungsbüros).",
        "drei Jahre nach dem letzten Kontakt.",
    ),
}


def _unwrap(text: str) -> str:
    """Join the source-code wrapping of prose (long lines) into flowing paragraphs; short
    lines (an address) keep their breaks, since the page shows every line break."""
    lines = text.split("\n")
    joined: list[str] = []
    for line in lines:
        if joined and len(joined[-1]) > 70 and line and not line.startswith("## "):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


@register_step(5, "legal pages and privacy notices")
def load_legal_texts(ctx: DemoContext) -> None:
    pages = {
        legal.IMPRINT: ("Impressum", IMPRINT, ""),
        legal.PRIVACY: ("Datenschutzerklärung", PRIVACY, "datenschutz@verbund-hannover.example"),
        legal.ACCESSIBILITY: (
            "Erklärung zur Barrierefreiheit",
            ACCESSIBILITY,
            "barrierefreiheit@verbund-hannover.example",
        ),
    }
    for key, body in NOTICES.items():
        pages[key] = ("Hinweise zum Datenschutz", body, "")
    for key, (title, body, email) in pages.items():
        LegalText.objects.update_or_create(
            key=key, defaults={"title": title, "body": _unwrap(body), "contact_email": email}
        )
    ctx.log(f"{len(pages)} legal texts")
