"""What a network uses, for its page: its surveys, advisory offices, exam periods, ...

Each provider returns a ``Capability`` with the links the user may open (querysets with
``visible_to``), or None when the network does not use it. Apps built later add their
own with ``capability_provider`` (events, the business-climate report, ...).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_PROVIDERS: list[Callable] = []
MAX_LINKS = 5


@dataclass(frozen=True)
class Capability:
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    summary: str = ""


def capability_provider(function: Callable) -> Callable:
    """Register ``function(network, user) -> Capability | None``."""
    _PROVIDERS.append(function)
    return function


def capabilities_of(network, user) -> list[Capability]:
    found = (provider(network, user) for provider in _PROVIDERS)
    return [capability for capability in found if capability is not None]


def _links(queryset) -> list[tuple[str, str]]:
    return [(str(obj), obj.get_absolute_url()) for obj in queryset[:MAX_LINKS]]


@capability_provider
def needs_surveys(network, user):
    if not apps.is_installed("verbund.needs"):
        return None
    from verbund.needs.models import Wave

    waves = Wave.objects.visible_to(user).filter(network=network).order_by("-opens_on")
    if not waves.exists():
        return None
    return Capability(_("Bedarfsbefragungen"), _links(waves))


@capability_provider
def advisory_offices(network, user):
    if not apps.is_installed("verbund.advice"):
        return None
    from verbund.advice.models import Office

    offices = Office.objects.visible_to(user).filter(network=network).order_by("name")
    if not offices.exists():
        return None
    return Capability(_("Beratungsbüros"), _links(offices))


@capability_provider
def exam_periods(network, user):
    if not apps.is_installed("verbund.exams"):
        return None
    from verbund.exams.models import Examiner, ExamPeriod

    periods = ExamPeriod.objects.visible_to(user).filter(network=network).order_by("-start")
    pool = Examiner.objects.visible_to(user).filter(network=network).count()
    if not periods.exists() and not pool:
        return None
    summary = (
        ngettext(
            "Gemeinsamer Prüferpool mit %(count)s Prüfer/in",
            "Gemeinsamer Prüferpool mit %(count)s Prüferinnen und Prüfern",
            pool,
        )
        % {"count": pool}
        if pool
        else ""
    )
    return Capability(_("Prüfungswesen"), _links(periods), summary)
