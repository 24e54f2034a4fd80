"""The one place where permissions are checked.

A user's grants come from the teams they belong to: an organization team's permissions
apply to that organization's objects, a network team's to that network's objects.
Grants are computed once per user object and cached on it (one request = one user object).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from verbund.core.permissions import PERMISSIONS

_CACHE_ATTRIBUTE = "_verbund_grants"


class Refused(PermissionDenied):
    """A refusal whose message is meant for the user (German, translated), not a code."""


@dataclass(frozen=True)
class Scope:
    """Who owns an object: the organizations and networks whose teams may act on it."""

    organization_ids: set = field(default_factory=set)
    network_ids: set = field(default_factory=set)


@dataclass
class Grants:
    by_organization: dict[int, set[str]]
    by_network: dict[int, set[str]]
    member_organizations: set[int]
    member_networks: set[int]


# Which networks organizations belong to: the networks app registers its lookup (core
# imports no feature app); without it an organization belongs to no network.
_MEMBERSHIP_LOOKUPS: list[Callable[[set[int]], Iterable[int]]] = []


def membership_lookup(function: Callable[[set[int]], Iterable[int]]):
    """Register ``function(organization_ids) -> network ids`` those organizations belong to."""
    if function not in _MEMBERSHIP_LOOKUPS:
        _MEMBERSHIP_LOOKUPS.append(function)
    return function


def member_networks_of(organization_ids: set[int]) -> set[int]:
    return {network_id for lookup in _MEMBERSHIP_LOOKUPS for network_id in lookup(organization_ids)}


def _grants(user) -> Grants:
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from verbund.core.models import Person, Team

    by_organization: dict[int, set[str]] = {}
    by_network: dict[int, set[str]] = {}
    for team in Team.objects.filter(members=user).only(
        "organization_id", "network_id", "permissions"
    ):
        if team.organization_id:
            by_organization.setdefault(team.organization_id, set()).update(team.permissions)
        else:
            by_network.setdefault(team.network_id, set()).update(team.permissions)
    member_organizations = set(by_organization)
    own = Person.objects.filter(user=user).values_list("organization_id", flat=True).first()
    if own:
        member_organizations.add(own)
    member_networks = set(by_network) | member_networks_of(member_organizations)
    grants = Grants(by_organization, by_network, member_organizations, member_networks)
    setattr(user, _CACHE_ATTRIBUTE, grants)
    return grants


def forget(user) -> None:
    """Drop cached grants after team changes (tests, team admin)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def member_organization_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return _grants(user).member_organizations


def member_network_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return _grants(user).member_networks


def permissions_in_organization(user, organization_id: int) -> set[str]:
    """Every permission ``user`` holds through teams of that organization."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(_grants(user).by_organization.get(organization_id, ()))


def organizations_with(user, perm: str) -> set[int]:
    _check_known(perm)
    if not user.is_authenticated:
        return set()
    return {org for org, perms in _grants(user).by_organization.items() if perm in perms}


def networks_with(user, perm: str) -> set[int]:
    _check_known(perm)
    if not user.is_authenticated:
        return set()
    return {net for net, perms in _grants(user).by_network.items() if perm in perms}


def has_perm(user, perm: str, obj=None) -> bool:
    """May ``user`` use ``perm`` on ``obj`` (or anywhere, when ``obj`` is None)?"""
    _check_known(perm)
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if obj is None:
        return bool(organizations_with(user, perm) or networks_with(user, perm))
    scope: Scope = obj.permission_scope()
    return bool(
        scope.organization_ids & organizations_with(user, perm)
        or scope.network_ids & networks_with(user, perm)
    )


def require(user, perm: str, obj=None) -> None:
    if not has_perm(user, perm, obj):
        raise PermissionDenied(perm)


def _check_known(perm: str) -> None:
    if perm not in PERMISSIONS:
        raise ValueError(f"unknown permission {perm!r}; register it in the app's permissions.py")
