"""Answer choices of the standard questionnaire; the values are those of the batch CSV."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Season(models.IntegerChoices):
    """When in the year a wave asks: one of the three seasons of the chambers' usual
    rhythm, or a quarter (seed 003's joint report is "IV. Quartal 2018"). The values sort
    within a year; a network keeps to one rhythm, and a quarter after a season of the same
    year sorts after it."""

    JAHRESBEGINN = 1, _("Jahresbeginn")
    FRUEHSOMMER = 2, _("Frühsommer")
    HERBST = 3, _("Herbst")
    QUARTAL_1 = 11, _("I. Quartal")
    QUARTAL_2 = 12, _("II. Quartal")
    QUARTAL_3 = 13, _("III. Quartal")
    QUARTAL_4 = 14, _("IV. Quartal")


class Situation(models.TextChoices):
    GUT = "gut", _("gut")
    BEFRIEDIGEND = "befriedigend", _("befriedigend")
    SCHLECHT = "schlecht", _("schlecht")


class Expectation(models.TextChoices):
    BESSER = "besser", _("besser")
    GLEICH = "gleich", _("gleich bleibend")
    SCHLECHTER = "schlechter", _("schlechter")


class Plan(models.TextChoices):
    HOEHER = "hoeher", _("höher")
    GLEICH = "gleich", _("gleich bleibend")
    GERINGER = "geringer", _("geringer")


class Risk(models.TextChoices):
    INLANDSNACHFRAGE = "inlandsnachfrage", _("Inlandsnachfrage")
    AUSLANDSNACHFRAGE = "auslandsnachfrage", _("Auslandsnachfrage")
    FINANZIERUNG = "finanzierung", _("Finanzierung")
    ARBEITSKOSTEN = "arbeitskosten", _("Arbeitskosten")
    FACHKRAEFTEMANGEL = "fachkraeftemangel", _("Fachkräftemangel")
    ENERGIE_ROHSTOFFE = "energie_rohstoffe", _("Energie- und Rohstoffpreise")
    WECHSELKURSE = "wechselkurse", _("Wechselkurse")
    WIRTSCHAFTSPOLITIK = "wirtschaftspolitik", _("Wirtschaftspolitische Rahmenbedingungen")


SECTOR_LABELS = {
    "industry": _("Industrie"),
    "construction": _("Bau"),
    "trade": _("Handel"),
    "services": _("Dienstleistungen"),
    "other": _("Sonstige"),
}
SIZE_LABELS = {
    "1-9": _("1–9 Beschäftigte"),
    "10-49": _("10–49 Beschäftigte"),
    "50-249": _("50–249 Beschäftigte"),
    "250-499": _("250–499 Beschäftigte"),
    "500-999": _("500–999 Beschäftigte"),
    "1000+": _("1.000 und mehr Beschäftigte"),
}
DIMENSION_LABELS = {
    "sector": _("Branche"),
    "district": _("Landkreis/Stadt"),
    "chamber": _("Kammerbezirk"),
    "size": _("Größenklasse"),
}
BALANCE_LABELS = {
    "exporte": _("Exporterwartungen"),
    "investitionen": _("Investitionen im Inland"),
    "beschaeftigung": _("Beschäftigungspläne"),
}
SUPPRESSION_REASONS = {
    "fewer than 5 firms": _("weniger als 5 Betriebe"),
    "one firm dominates the cell": _("ein Betrieb dominiert"),
    "could be computed back from other cells": _("aus anderen Zellen rückrechenbar"),
}
