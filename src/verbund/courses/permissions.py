from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

COURSES_EDIT_OWN = register(
    "courses.edit_own",
    _("Eigene Weiterbildungsangebote und Termine anlegen, bearbeiten, importieren"),
)
COURSES_SYNONYMS = register(
    "courses.synonyms", _("Synonymliste der Weiterbildungssuche bearbeiten")
)
