"""The vocabularies of a needs survey (domain/needs.md), shared by surveys, cases and matching.

German labels go through gettext like every model choice; the survey form shows its
questions and answers in German, English or French from ``questionnaire.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    APPRENTICES = "apprentices", _("Auszubildende")
    UNSKILLED = "unskilled", _("An- und Ungelernte")
    SKILLED = "skilled", _("Fachkräfte")
    MANAGERS = "managers", _("Führungskräfte")
    OLDER = "older", _("Beschäftigte ab 50")
    MIGRATION = "migration", _("Menschen mit Migrationsgeschichte oder Sprachförderbedarf")
    RETURNERS = "returners", _("Berufsrückkehrende")
    YOUNG = "young", _("Junge Beschäftigte unter 25")


class Urgency(models.IntegerChoices):
    MONTHS_6 = 6, _("innerhalb von 6 Monaten")
    MONTHS_12 = 12, _("innerhalb von 12 Monaten")
    MONTHS_24 = 24, _("innerhalb von 24 Monaten")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("Präsenz")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended Learning")
    IN_HOUSE = "in_house", _("Inhouse im Betrieb")


class TimeOfDay(models.TextChoices):
    DURING_WORK = "during", _("während der Arbeitszeit")
    OUTSIDE_WORK = "outside", _("außerhalb der Arbeitszeit")
    ANY = "any", _("egal")


class Funding(models.TextChoices):
    """Funding programmes; the codes are those of the course database's ``Funding``."""

    QCG = "qualifizierungschancengesetz", _("Qualifizierungschancengesetz")
    BILDUNGSGUTSCHEIN = "bildungsgutschein", _("Bildungsgutschein")
    AUFSTIEGS_BAFOEG = "aufstiegs_bafoeg", _("Aufstiegs-BAföG")
    LAND = "landesfoerderung", _("Förderprogramme des Landes")


class Obstacle(models.TextChoices):
    RELEASE = "release", _("Freistellung der Beschäftigten")
    COST = "cost", _("Kosten")
    NO_OFFER = "no_offer", _("Kein passendes Angebot in der Nähe")
    NO_TIME = "no_time", _("Keine Zeit für die Suche")
    LANGUAGE = "language", _("Sprache")


class PersonGroup(models.TextChoices):
    """Who answered: the company's management or an interviewed person group."""

    OWNER = "owner", _("Inhaber/in oder Geschäftsführung")
    HR = "hr", _("Personalverantwortliche")
    OLDER = "older", _("Ältere/r Beschäftigte/r")
    YOUNGER = "younger", _("Jüngere/r Beschäftigte/r")
    MIGRATION = "migration", _("Beschäftigte/r mit Migrationsgeschichte")
    OTHER = "other", _("Sonstige")


# Analysis dimensions: key -> (label, how a need row names it).
DIMENSIONS = ("district", "sector", "size", "topic", "target_group")
DIMENSION_LABELS = {
    "district": _("Landkreis"),
    "sector": _("Wirtschaftszweig"),
    "size": _("Größenklasse"),
    "topic": _("Thema"),
    "target_group": _("Zielgruppe"),
}
