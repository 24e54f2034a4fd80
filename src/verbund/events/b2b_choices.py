"""Countries and meeting languages of B2B profiles, named in German (never as codes)."""

from django.utils.translation import gettext_lazy as _

COUNTRIES = (
    ("DE", _("Deutschland")),
    ("FR", _("Frankreich")),
    ("AT", _("Österreich")),
    ("BE", _("Belgien")),
    ("CH", _("Schweiz")),
    ("CZ", _("Tschechien")),
    ("DK", _("Dänemark")),
    ("ES", _("Spanien")),
    ("GB", _("Vereinigtes Königreich")),
    ("IT", _("Italien")),
    ("LU", _("Luxemburg")),
    ("NL", _("Niederlande")),
    ("PL", _("Polen")),
)
LANGUAGES = (
    ("de", _("Deutsch")),
    ("fr", _("Französisch")),
    ("en", _("Englisch")),
    ("nl", _("Niederländisch")),
    ("es", _("Spanisch")),
    ("it", _("Italienisch")),
    ("pl", _("Polnisch")),
)


def country_name(code: str) -> str:
    return str(dict(COUNTRIES).get(code, code))


def language_names(codes) -> str:
    names = dict(LANGUAGES)
    return ", ".join(str(names.get(code, code)) for code in codes)
