"""The standard questionnaire in German, English and French (domain/needs.md).

The company block (district, sector, size class) and a need's topic and number of
employees are always asked: the analysis groups by them. Every other standard question
is optional; a wave lists the chosen ones in ``Wave.questions``. Answer labels are the
German model choices; English and French come from ``ANSWERS`` below.
"""

from verbund.core.services.surveys import language_of
from verbund.core.survey_models import LANGUAGES  # noqa: F401 (questionnaire.LANGUAGES)
from verbund.needs import choices

QUESTIONS: dict[str, dict[str, str]] = {
    "person_group": {
        "de": "Wer füllt den Fragebogen aus?",
        "en": "Who is filling in the questionnaire?",
        "fr": "Qui remplit le questionnaire ?",
    },
    "district": {
        "de": "In welchem Landkreis liegt Ihr Betrieb?",
        "en": "In which district is your company located?",
        "fr": "Dans quel arrondissement se trouve votre entreprise ?",
    },
    "sector": {
        "de": "Wirtschaftszweig (WZ 2008)",
        "en": "Sector (WZ 2008 section)",
        "fr": "Secteur d'activité (section WZ 2008)",
    },
    "size_class": {
        "de": "Wie viele Beschäftigte hat Ihr Betrieb?",
        "en": "How many employees does your company have?",
        "fr": "Combien de salariés compte votre entreprise ?",
    },
    "topic": {
        "de": "Zu welchem Thema besteht Qualifizierungsbedarf?",
        "en": "In which topic is training needed?",
        "fr": "Dans quel domaine un besoin de formation existe-t-il ?",
    },
    "target_group": {
        "de": "Für welche Beschäftigtengruppe?",
        "en": "For which group of employees?",
        "fr": "Pour quel groupe de salariés ?",
    },
    "employees": {
        "de": "Wie viele Beschäftigte betrifft das?",
        "en": "How many employees are concerned?",
        "fr": "Combien de salariés sont concernés ?",
    },
    "urgency": {
        "de": "Wie dringend ist der Bedarf?",
        "en": "How urgent is the need?",
        "fr": "Quelle est l'urgence du besoin ?",
    },
    "format": {
        "de": "Welches Format wünschen Sie?",
        "en": "Which format would you like?",
        "fr": "Quel format souhaitez-vous ?",
    },
    "time_budget_days": {
        "de": "Zeitbudget (Tage pro Jahr und Person)",
        "en": "Time budget (days per year and person)",
        "fr": "Temps disponible (jours par an et par personne)",
    },
    "time_of_day": {
        "de": "Während oder außerhalb der Arbeitszeit?",
        "en": "During or outside working hours?",
        "fr": "Pendant ou en dehors des heures de travail ?",
    },
    "budget_per_person": {
        "de": "Budget pro Person (EUR)",
        "en": "Budget per person (EUR)",
        "fr": "Budget par personne (EUR)",
    },
    "details": {
        "de": "Was genau wird gebraucht?",
        "en": "What exactly is needed?",
        "fr": "De quoi avez-vous besoin exactement ?",
    },
    "funding_awareness": {
        "de": "Welche Förderprogramme kennen Sie?",
        "en": "Which funding programmes do you know?",
        "fr": "Quels programmes de financement connaissez-vous ?",
    },
    "obstacles": {
        "de": "Was hindert Sie an Weiterbildung?",
        "en": "What keeps you from training?",
        "fr": "Qu'est-ce qui freine la formation dans votre entreprise ?",
    },
    "free_text": {
        "de": "Möchten Sie uns noch etwas mitteilen?",
        "en": "Anything else you would like to tell us?",
        "fr": "Souhaitez-vous ajouter quelque chose ?",
    },
}

ALWAYS_ASKED = ("district", "sector", "size_class", "topic", "employees")
OPTIONAL = tuple(code for code in QUESTIONS if code not in ALWAYS_ASKED)
NEED_QUESTIONS = (
    "topic",
    "target_group",
    "employees",
    "urgency",
    "format",
    "time_budget_days",
    "time_of_day",
    "budget_per_person",
    "details",
)

# English and French answer labels; German comes from the model choices.
ANSWERS: dict[str, tuple[str, str]] = {
    choices.TargetGroup.APPRENTICES: ("Apprentices", "Apprentis"),
    choices.TargetGroup.UNSKILLED: ("Unskilled and semi-skilled", "Personnel non qualifié"),
    choices.TargetGroup.SKILLED: ("Skilled workers", "Personnel qualifié"),
    choices.TargetGroup.MANAGERS: ("Managers", "Cadres"),
    choices.TargetGroup.OLDER: ("Employees aged 50+", "Salariés de 50 ans et plus"),
    choices.TargetGroup.MIGRATION: (
        "People with a migration background or language needs",
        "Personnes issues de l'immigration ou ayant besoin de soutien linguistique",
    ),
    choices.TargetGroup.RETURNERS: ("Returners", "Personnes en reprise d'activité"),
    choices.TargetGroup.YOUNG: ("Young employees under 25", "Jeunes salariés de moins de 25 ans"),
    "6": ("within 6 months", "dans les 6 mois"),
    "12": ("within 12 months", "dans les 12 mois"),
    "24": ("within 24 months", "dans les 24 mois"),
    choices.Format.IN_PERSON: ("In person", "En présentiel"),
    choices.Format.ONLINE: ("Online", "En ligne"),
    choices.Format.BLENDED: ("Blended learning", "Formation mixte"),
    choices.Format.IN_HOUSE: ("In-house", "En entreprise"),
    choices.TimeOfDay.DURING_WORK: ("during working hours", "pendant le temps de travail"),
    choices.TimeOfDay.OUTSIDE_WORK: ("outside working hours", "en dehors du temps de travail"),
    choices.TimeOfDay.ANY: ("either", "peu importe"),
    choices.Funding.QCG: (
        "Qualifizierungschancengesetz (skills act)",
        "Loi Qualifizierungschancen",
    ),
    choices.Funding.BILDUNGSGUTSCHEIN: ("Education voucher", "Chèque formation"),
    choices.Funding.AUFSTIEGS_BAFOEG: ("Aufstiegs-BAföG (upgrading grant)", "Aufstiegs-BAföG"),
    choices.Funding.LAND: ("Programmes of the Land", "Programmes du Land"),
    choices.Obstacle.RELEASE: ("Releasing staff", "Libérer les salariés"),
    choices.Obstacle.COST: ("Cost", "Coût"),
    choices.Obstacle.NO_OFFER: ("No suitable offer nearby", "Pas d'offre adaptée à proximité"),
    choices.Obstacle.NO_TIME: ("No time to look", "Pas le temps de chercher"),
    choices.Obstacle.LANGUAGE: ("Language", "Langue"),
    choices.PersonGroup.OWNER: ("Owner or management", "Dirigeant(e)"),
    choices.PersonGroup.HR: ("HR", "Ressources humaines"),
    choices.PersonGroup.OLDER: ("Older employee", "Salarié(e) senior"),
    choices.PersonGroup.YOUNGER: ("Younger employee", "Jeune salarié(e)"),
    choices.PersonGroup.MIGRATION: (
        "Employee with a migration background",
        "Salarié(e) issu(e) de l'immigration",
    ),
    choices.PersonGroup.OTHER: ("Other", "Autre"),
}


def all_optional() -> list[str]:
    """A new wave asks every standard question until the coordinator chooses."""
    return list(OPTIONAL)


def question(code: str, language: str) -> str:
    return QUESTIONS[code][language_of(language)]


def answer_choices(choice_class, language: str) -> list[tuple[str, str]]:
    """``(value, label)`` pairs of a choices class in ``language``."""
    language = language_of(language)
    result = []
    for value, label in choice_class.choices:
        if language == "de" or str(value) not in ANSWERS:
            result.append((str(value), str(label)))
        else:
            english, french = ANSWERS[str(value)]
            result.append((str(value), english if language == "en" else french))
    return result


def enabled(wave, code: str) -> bool:
    return code in ALWAYS_ASKED or code in (wave.questions or ())
