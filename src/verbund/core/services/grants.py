"""Granting permissions through teams without escalation.

``teams.manage`` lets a user keep the teams of an organization, but it must not be a
ladder to everything else. Rules (issue 10):

- nobody grants a permission they do not hold themselves *in that organization*
  (administrators excepted); this also keeps the sensitive ones (``advice.counsel``,
  ``privacy.manage``, ``courses.synonyms``) with the organization that owns the data:
  only someone who already counsels there can make others counsel there;
- permissions of a team that the user does not hold stay as they are: they can neither
  be added nor taken away, and such a team's members and the team itself are changed
  only by someone holding all of its permissions (else joining the counsellors' team
  would be a grant in disguise).
"""

from django.utils.translation import gettext as _

from verbund.core.permissions import PERMISSIONS
from verbund.core.services import access


def grantable(user, organization) -> set[str]:
    """The permissions ``user`` may grant to (or take from) teams of ``organization``."""
    if user.is_superuser:
        return set(PERMISSIONS)
    return access.permissions_in_organization(user, organization.pk)


def kept_permissions(user, organization, team) -> list[str]:
    """Permissions of ``team`` the user cannot touch (they stay as they are)."""
    if team is None:
        return []
    allowed = grantable(user, organization)
    return sorted(perm for perm in team.permissions if perm not in allowed)


def permissions_after_change(user, organization, team, wanted) -> list[str]:
    """The team's permission list after ``user`` asked for ``wanted``.

    Raises ``PermissionDenied`` for a permission the user does not hold there.
    """
    allowed = grantable(user, organization)
    foreign = sorted(set(wanted) - allowed - set(team.permissions if team else ()))
    if foreign:
        raise access.Refused(
            _("Sie können nur Berechtigungen vergeben, die Sie hier selbst haben: %(perms)s")
            % {"perms": ", ".join(foreign)}
        )
    return sorted((set(wanted) & allowed) | set(kept_permissions(user, organization, team)))


def check_team_members_change(user, organization, team, old_members, new_members) -> None:
    """Changing who is in a team needs every permission the team holds."""
    if team is None or set(old_members) == set(new_members):
        return
    if kept_permissions(user, organization, team):
        raise access.Refused(
            _("Mitglieder dieses Teams ändern nur Personen, die alle seine Berechtigungen haben.")
        )


def check_team_delete(user, organization, team) -> None:
    if kept_permissions(user, organization, team):
        raise access.Refused(
            _("Dieses Team löschen nur Personen, die alle seine Berechtigungen haben.")
        )
