"""The main navigation: each capability says who sees its entry, so nobody meets a link
that ends on "Zugriff verweigert".

Apps add their entry with ``register_section`` (in ``AppConfig.ready``); entries whose URL
does not exist (an app not installed) are left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.services import access


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    path_prefix: str
    visible: Callable  # user -> bool
    order: int = 100


_SECTIONS: list[Section] = []


def register_section(label, url_name: str, path_prefix: str, visible: Callable, order=100):
    _SECTIONS[:] = [section for section in _SECTIONS if section.url_name != url_name]
    _SECTIONS.append(Section(label, url_name, path_prefix, visible, order))


def signed_in(user) -> bool:
    return user.is_authenticated


def anyone(user) -> bool:
    return True


def holds_any(*perms: str) -> Callable:
    """Visible to users holding at least one of ``perms`` somewhere."""

    def check(user) -> bool:
        from verbund.core.permissions import PERMISSIONS

        return any(perm in PERMISSIONS and access.has_perm(user, perm) for perm in perms)

    return check


def either(*checks: Callable) -> Callable:
    return lambda user: any(check(user) for check in checks)


def sections_for(user, path: str) -> list[dict]:
    """The entries ``user`` may use, each with its URL and whether it is the current one."""
    items = []
    for section in sorted(_SECTIONS, key=lambda section: section.order):
        try:
            url = reverse(section.url_name)
        except NoReverseMatch:
            continue
        if not section.visible(user):
            continue
        current = path == url if section.path_prefix == "/" else path.startswith(url)
        items.append({"label": section.label, "url": url, "current": current})
    return items


register_section(_("Übersicht"), "core:dashboard", "/", signed_in, order=10)
register_section(_("Netzwerke"), "networks:network_list", "/netzwerke/", signed_in, order=20)
register_section(
    _("Organisationen"), "core:organization_list", "/organisationen/", signed_in, order=30
)
register_section(_("Weiterbildung"), "courses:search", "/kurse/", anyone, order=40)
register_section(
    _("Bedarfe"), "needs:wave_list", "/bedarf/", holds_any("needs.manage", "needs.view"), order=50
)
register_section(
    _("Beratung"),
    "advice:office_list",
    "/beratung/",
    holds_any("advice.counsel", "advice.manage"),
    order=60,
)
# Prüfungen (order 70): registered by exams (its dashboard module knows who is an examiner).
register_section(_("Veranstaltungen"), "events:event_list", "/veranstaltungen/", anyone, order=80)
register_section(
    _("Konjunktur"),
    "economy:wave_list",
    "/konjunktur/",
    holds_any("economy.manage", "economy.view"),
    order=90,
)
register_section(
    _("Verbundausbildung"),
    "apprenticeship:index",
    "/verbundausbildung/",
    holds_any(
        "apprenticeship.manage_training",
        "apprenticeship.plan_rotation",
        "apprenticeship.edit_plans",
    ),
    order=75,
)
register_section(
    _("Mobilität"),
    "mobility:index",
    "/mobilitaet/",
    holds_any("mobility.plan", "mobility.approve"),
    order=85,
)
