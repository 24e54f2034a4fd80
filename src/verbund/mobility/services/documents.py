"""PDF documents of a stay (WeasyPrint): Learning Agreement, a Europass-Mobility-style
certificate and the grant statement, each in German, English or French."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from verbund.core.services import pdf as pdf_documents
from verbund.mobility.services import agreements
from verbund.mobility.services.grants import band_label

LANGUAGES = ("de", "en", "fr")
KINDS = ("learning-agreement", "certificate", "grant-statement")
TEMPLATES = {
    "learning-agreement": "mobility/pdf/learning_agreement.html",
    "certificate": "mobility/pdf/certificate.html",
    "grant-statement": "mobility/pdf/grant_statement.html",
}


def render_html(stay, kind: str, language: str, agreement=None) -> str:
    if kind not in KINDS or language not in LANGUAGES:
        raise ValueError(kind)
    with translation.override(language):
        return render_to_string(
            TEMPLATES[kind],
            {
                "stay": stay,
                "agreement": agreement
                or agreements.in_force(stay)
                or stay.agreements.order_by("-version").first(),
                "band": band_label(stay),
                "today": timezone.localdate(),
                "language": language,
                "occupation": stay.application.occupation if stay.application_id else None,
            },
        )


def render_pdf(stay, kind: str, language: str, agreement=None) -> bytes:
    return pdf_documents.render(render_html(stay, kind, language, agreement))
