"""The registry of named permissions. Each app registers its own in its ``permissions`` module.

A permission is granted to a team of an organization (it then applies to what that
organization owns) or to a team of a network (it applies to that network's objects).
Checks go through ``verbund.core.services.access`` only.
"""

from django.utils.translation import gettext_lazy as _

PERMISSIONS: dict[str, str] = {}


def register(code: str, label) -> str:
    PERMISSIONS[code] = label
    return code


ORGANIZATIONS_EDIT = register("organizations.edit", _("Organisationsdaten und Personen bearbeiten"))
TEAMS_MANAGE = register("teams.manage", _("Teams und Berechtigungen verwalten"))
PRIVACY_MANAGE = register(
    "privacy.manage", _("Auskunft und Löschung personenbezogener Daten durchführen")
)
