"""The BA's value lists for openQ-cat as far as verbund maps its own fields onto them.

Sources (shipped with the tests in tests/courses/openqcat/, see SOURCE.md there):
- the schema ``openQ-cat_1.1_rc1.xsd`` with the BA's changes up to 14.11.2025: COURSE_TYPE
  (1 Bildungsangebot … 5 Weiterbildungsangebot), DEGREE@type (0 öffentlich anerkannt,
  1 Befähigungsnachweis, 2 Industriezertifikat, 3 anbieterspezifisch);
- the BA's own KURSNET export ("Export OpenQ 3.52.0") in the same repository: INSTITUTION
  102, INSTRUCTION_FORM 101, INSTRUCTION_TIME 1/2, FUNDING_TYPES_FEDERAL 2/5/9/12,
  EDUCATION_TYPE 109, DURATION 7 (a two-year full-time run) and 8 (the same course part-time),
  TEACHING_LANGUAGES as ISO 639-2 ("deu", "eng").
The schema leaves the other ranges to the KURSNET website; what is not attested above is
not guessed: funding types without a known code travel as FUNDING_TYPES_REMARKS text.
"""

import datetime

from django.utils.translation import gettext_lazy as _

COURSE_TYPE_CONTINUING_EDUCATION = 5  # "Weiterbildungsangebot" (since 19.03.2021)

DEGREE_PUBLIC, DEGREE_PROVIDER = 0, 3
# verbund's certificate -> (DEGREE@type, examiner for DEGREE_EXAM)
DEGREE_OF_CERTIFICATE = {
    "staatlicher_abschluss": (DEGREE_PUBLIC, ""),
    "ihk_pruefung": (DEGREE_PUBLIC, "IHK"),
    "hwk_pruefung": (DEGREE_PUBLIC, "HWK"),
    "zertifikat": (DEGREE_PROVIDER, ""),
    "teilnahmebescheinigung": (DEGREE_PROVIDER, ""),
}

INSTRUCTION_TIME_CODES = {"vollzeit": 1, "teilzeit": 2}
INSTRUCTION_TIME_OF_CODE = {code: key for key, code in INSTRUCTION_TIME_CODES.items()}

# verbund's funding key -> FUNDING_TYPES_FEDERAL@type and its text in the BA's export.
FUNDING_FEDERAL = {"bildungsgutschein": (2, "Bildungsgutschein")}
FUNDING_OF_FEDERAL_CODE = {code: key for key, (code, _text) in FUNDING_FEDERAL.items()}

# ISO 639-1 (verbund) <-> ISO 639-2/B (TEACHING_LANGUAGES, CATALOG/LANGUAGE).
LANGUAGE_639_2 = {
    "de": "deu",
    "en": "eng",
    "fr": "fre",
    "es": "spa",
    "it": "ita",
    "pl": "pol",
    "tr": "tur",
    "ru": "rus",
    "ar": "ara",
    "uk": "ukr",
}
LANGUAGE_639_1 = {three: two for two, three in LANGUAGE_639_2.items()} | {
    "ger": "de",
    "fra": "fr",
}

# Duration classes (DURATION@type): the length of a run up to the class's limit. The BA's
# export shows 7 for a run of two years; the classes follow KURSNET's search filter "Dauer".
DURATION_CLASSES = (
    (1, datetime.timedelta(days=1), _("bis 1 Tag")),
    (2, datetime.timedelta(days=7), _("bis 1 Woche")),
    (3, datetime.timedelta(days=31), _("bis 1 Monat")),
    (4, datetime.timedelta(days=92), _("bis 3 Monate")),
    (5, datetime.timedelta(days=184), _("bis 6 Monate")),
    (6, datetime.timedelta(days=366), _("bis 1 Jahr")),
    (7, datetime.timedelta(days=731), _("bis 2 Jahre")),
    (8, datetime.timedelta(days=1096), _("bis 3 Jahre")),
)
DURATION_LONGER = 9  # über 3 Jahre


def duration_class(start: datetime.date, end: datetime.date) -> int:
    length = end - start + datetime.timedelta(days=1)
    for code, limit, _label in DURATION_CLASSES:
        if length <= limit:
            return code
    return DURATION_LONGER
