"""Legal pages and privacy notices: which exist, reading and changing them.

The three pages every public body's site needs (Impressum, DDG § 5; Datenschutzerklärung,
GDPR Art. 13; Erklärung zur Barrierefreiheit, BITV 2.0 § 7) are fixed here. Each
capability that collects personal data in a form registers its privacy notice from its
``AppConfig.ready`` with ``register_notice``; the form's template shows it with
``{% privacy_notice "key" %}`` (``core_legal`` tags). The texts themselves are the
operator's, edited on ``/rechtstexte/`` and versioned by the audit log.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from verbund.core.legal_models import LegalText
from verbund.core.services import editing


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    public_url_name: str = ""  # the public page's URL name; notices have none


IMPRINT = "impressum"
PRIVACY = "datenschutz"
ACCESSIBILITY = "barrierefreiheit"

PAGES: dict[str, Kind] = {
    IMPRINT: Kind(IMPRINT, _("Impressum"), "core:imprint"),
    PRIVACY: Kind(PRIVACY, _("Datenschutzerklärung"), "core:privacy_statement"),
    ACCESSIBILITY: Kind(ACCESSIBILITY, _("Erklärung zur Barrierefreiheit"), "core:accessibility"),
}
NOTICES: dict[str, Kind] = {}
NOTICE_PREFIX = "hinweis-"


def register_notice(name: str, label) -> str:
    """Declare the privacy notice of one capability's forms (``name`` like ``events``)."""
    key = NOTICE_PREFIX + name
    NOTICES[key] = Kind(key, label)
    return key


def kinds() -> list[Kind]:
    return [*PAGES.values(), *sorted(NOTICES.values(), key=lambda kind: str(kind.label))]


def kind(key: str) -> Kind | None:
    return PAGES.get(key) or NOTICES.get(key)


def text(key: str) -> LegalText | None:
    return LegalText.objects.filter(key=key).first()


def save(key: str, data: dict, user) -> LegalText:
    """Create or change one text (validated, audited as ``core.legaltext.*``)."""
    if kind(key) is None:
        raise KeyError(key)
    instance = text(key) or LegalText(key=key)
    return editing.save_changes(instance, data, user, "core.legaltext")


@dataclass(frozen=True)
class Block:
    heading: bool
    text: str


def blocks(body: str) -> list[Block]:
    """Split a text into headings ("## ...") and paragraphs (separated by blank lines)."""
    result: list[Block] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            result.append(Block(False, "\n".join(paragraph)))
            paragraph.clear()

    for line in body.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if line.startswith("## "):
            flush()
            result.append(Block(True, line[3:].strip()))
        elif not line:
            flush()
        else:
            paragraph.append(line)
    flush()
    return result
