"""The Sachbericht (narrative part of the proof of use), drafted from what verbund holds.

``draft`` writes one text per section from the network's own records of the period:
goals and their last review, activities held (with the organizations taking part), events
with their participants, counselling in the advisory offices, needs surveys and their
response, and the money (deviations per line). The coordination edits the texts; the
funded organization (lead partner or Projektträger) releases the report. A released
version is never changed: ``supersede`` starts a new draft that replaces it once released.

Other apps are read through ``django.apps`` so that the report works with whatever
capabilities a deployment has installed.
"""

import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.core.services import access, audit
from verbund.core.services.numbers import format_number
from verbund.funding.models import FinancingPlan, ProgressReport
from verbund.funding.permissions import FUNDING_RELEASE
from verbund.funding.services import budget

RELEASING_ROLES = ("lead", "sponsor")  # Federführung, Projektträger (the grant's recipient)


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _goals(network, start, end) -> str:
    goals = list(network.goals.all())
    if not goals:
        return _("Für das Netzwerk sind keine Ziele erfasst.")
    review = network.reviews.filter(date__lte=end).order_by("-date").first()
    progress = {}
    if review is not None:
        progress = {entry.goal_id: entry for entry in review.progress.all()}
    lines = []
    for goal in goals:
        line = f"– {goal.title}: {goal.get_status_display()}"
        entry = progress.get(goal.pk)
        if entry is not None and entry.progress:
            line += f". {entry.progress}"
        lines.append(line)
    head = (
        _("Stand nach der Jahresbilanz vom %(date)s:") % {"date": _date(review.date)}
        if review is not None
        else _("Stand der Ziele (noch keine Jahresbilanz erfasst):")
    )
    return "\n".join([head, *lines])


def _activities(network, start, end) -> str:
    activities = (
        network.activities.filter(start__gte=start, start__lte=end)
        .annotate(organizations_count=Count("organizations"))
        .order_by("start")
    )
    lines = []
    for activity in activities:
        line = f"– {_date(activity.start)} {activity.get_kind_display()}: {activity.title}"
        if activity.organizations_count:
            line += (
                " ("
                + ngettext(
                    "%(count)s beteiligte Organisation",
                    "%(count)s beteiligte Organisationen",
                    activity.organizations_count,
                )
                % {"count": activity.organizations_count}
                + ")"
            )
        lines.append(line)
    if apps.is_installed("verbund.events"):
        event_model = apps.get_model("events", "Event")
        events = (
            event_model.objects.filter(
                network=network, start__date__gte=start, start__date__lte=end
            )
            .annotate(
                participants=Count("registrations", filter=Q(registrations__status="confirmed")),
                attended=Count(
                    "registrations", filter=Q(registrations__checked_in_at__isnull=False)
                ),
            )
            .order_by("start")
        )
        for event in events:
            line = f"– {_date(timezone.localtime(event.start).date())} {event.title}: " + ngettext(
                "%(count)s Anmeldung",
                "%(count)s Anmeldungen",
                event.participants,
            ) % {"count": event.participants}
            if event.attended:
                line += ", " + _("%(count)s anwesend") % {"count": event.attended}
            lines.append(line)
    if not lines:
        return _("Im Berichtszeitraum sind keine Aktivitäten erfasst.")
    head = ngettext(
        "Im Berichtszeitraum fand %(count)s Aktivität statt:",
        "Im Berichtszeitraum fanden %(count)s Aktivitäten statt:",
        len(lines),
    ) % {"count": len(lines)}
    return "\n".join([head, *lines])


def _counselling(network, start, end) -> str | None:
    if not apps.is_installed("verbund.advice"):
        return None
    from verbund.advice.models import Office
    from verbund.advice.services import statistics

    offices = list(Office.objects.filter(network=network).order_by("name"))
    if not offices:
        return None
    lines = []
    quiet = []
    for office in offices:
        figures = statistics.figures([office], start, end)
        if not figures.cases and not figures.contacts:
            quiet.append(office.name)
            continue
        lines.append(
            "– "
            + _(
                "%(office)s: %(cases)s Beratungsfälle, %(contacts)s Kontakte "
                "(%(hours)s Stunden), %(companies)s Betriebe erreicht, "
                "%(referrals)s Vermittlungen in Angebote"
            )
            % {
                "office": office.name,
                "cases": figures.cases,
                "contacts": figures.contacts,
                "hours": format_number(figures.hours, 1),
                "companies": figures.companies,
                "referrals": figures.referrals,
            }
        )
    total = statistics.figures(offices, start, end)
    head = _(
        "Beratung in den Beratungsbüros des Netzwerks: %(cases)s Fälle, %(contacts)s Kontakte, "
        "%(companies)s Betriebe erreicht."
    ) % {"cases": total.cases, "contacts": total.contacts, "companies": total.companies}
    if quiet:
        lines.append(
            _("Ohne erfasste Beratung im Zeitraum: %(offices)s.") % {"offices": ", ".join(quiet)}
        )
    return "\n".join([head, *lines])


def _surveys(network, start, end) -> str | None:
    if not apps.is_installed("verbund.needs"):
        return None
    wave_model = apps.get_model("needs", "Wave")
    waves = wave_model.objects.filter(network=network, opens_on__lte=end).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=start)
    )
    from verbund.needs.services.waves import response_rate

    lines = []
    for wave in waves:
        figures = response_rate(wave)
        rate = f"{figures['rate']} %" if figures["rate"] is not None else "–"
        line = "– " + _(
            "%(title)s: %(answered)s von %(invited)s eingeladenen Betrieben geantwortet (%(rate)s)"
        ) % {
            "title": wave.title,
            "answered": figures["answered"],
            "invited": figures["invited"],
            "rate": rate,
        }
        if figures["interviews"]:
            line += ", " + ngettext(
                "dazu %(count)s Interview", "dazu %(count)s Interviews", figures["interviews"]
            ) % {"count": figures["interviews"]}
        lines.append(line)
    if not lines:
        return None
    return "\n".join([_("Bedarfsbefragungen im Berichtszeitraum:"), *lines])


def _money(plan, end) -> str:
    figures = budget.figures(plan, until=end)
    result = figures.result
    lines = [
        _(
            "Förderfähige Ausgaben %(eligible)s € bei geplanten %(planned)s €; Zuwendung "
            "%(grant)s €."
        )
        % {
            "eligible": format_number(result.eligible_total, 2),
            "planned": format_number(result.planned_total, 2),
            "grant": format_number(result.grant, 2),
        }
    ]
    for line in result.lines:
        if line.planned and abs(line.deviation) > line.planned / 10:
            lines.append(
                "– "
                + _(
                    "%(line)s: %(actual)s € statt %(planned)s € geplant "
                    "(%(percent)s %%). Begründung der Abweichung:"
                )
                % {
                    "line": line.label,
                    "actual": format_number(line.actual, 2),
                    "planned": format_number(line.planned, 2),
                    "percent": format_number(100 * line.deviation / line.planned, 1),
                }
            )
    return "\n".join(lines)


def _outlook(network, end) -> str:
    review = network.reviews.filter(date__lte=end).exclude(next_steps="").order_by("-date").first()
    if review is None:
        return _("Die nächsten Schritte sind in keiner Jahresbilanz festgehalten.")
    return review.next_steps


def draft_sections(plan: FinancingPlan, start: datetime.date, end: datetime.date) -> list[dict]:
    network = plan.network
    sections = [
        ("goals", _("Ziele und ihre Erreichung"), _goals(network, start, end)),
        (
            "activities",
            _("Durchgeführte Maßnahmen und Aktivitäten"),
            _activities(network, start, end),
        ),
        ("counselling", _("Beratung"), _counselling(network, start, end)),
        ("surveys", _("Befragungen"), _surveys(network, start, end)),
        ("money", _("Finanzielle Umsetzung"), _money(plan, end)),
        ("outlook", _("Ausblick"), _outlook(network, end)),
    ]
    return [
        {"key": key, "heading": heading, "text": text}
        for key, heading, text in sections
        if text is not None
    ]


def draft(plan, kind, start, end, user) -> ProgressReport:
    """A new draft of the Sachbericht for ``start``–``end``, written from the records."""
    if end < start:
        raise ValidationError(_("Das Ende des Berichtszeitraums liegt vor seinem Beginn."))
    with transaction.atomic():
        version = (
            ProgressReport.objects.filter(plan=plan, kind=kind, period_end=end)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
            or 0
        ) + 1
        report = ProgressReport.objects.create(
            plan=plan,
            kind=kind,
            period_start=start,
            period_end=end,
            version=version,
            sections=draft_sections(plan, start, end),
            created_by=user,
        )
        audit.record(report, "funding.progressreport.drafted", user=user, data={"version": version})
    return report


def edit(report: ProgressReport, texts: dict[str, str], user) -> ProgressReport:
    """Store the coordination's texts (section key -> text); only drafts can change."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if not report.editable:
            raise ValidationError(
                _(
                    "Ein freigegebener Bericht wird nicht mehr geändert. Legen Sie eine neue Fassung an."
                )
            )
        changed = []
        for section in report.sections:
            text = texts.get(section["key"])
            if text is not None and text != section["text"]:
                section["text"] = text
                changed.append(section["key"])
        report.save(update_fields=["sections", "updated_at"])
        if changed:
            audit.record(
                report, "funding.progressreport.changed", user=user, data={"sections": changed}
            )
    return report


def may_release(user, plan) -> bool:
    """Released by the funded organization: ``funding.release`` in a team of the
    network's lead partner or Projektträger."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    organizations = set(
        plan.network.memberships.filter(role__in=RELEASING_ROLES).values_list(
            "organization_id", flat=True
        )
    )
    return bool(organizations & access.organizations_with(user, FUNDING_RELEASE))


def release(report: ProgressReport, user) -> ProgressReport:
    if not may_release(user, report.plan):
        raise PermissionDenied(FUNDING_RELEASE)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ProgressReport.Status.DRAFT:
            raise ValidationError(_("Diese Fassung ist schon freigegeben."))
        report.status = ProgressReport.Status.RELEASED
        report.released_by = user
        report.released_at = timezone.now()
        report.save(update_fields=["status", "released_by", "released_at", "updated_at"])
        if report.supersedes_id:
            ProgressReport.objects.filter(pk=report.supersedes_id).update(
                status=ProgressReport.Status.SUPERSEDED
            )
        audit.record(
            report, "funding.progressreport.released", user=user, data={"version": report.version}
        )
    return report


def supersede(report: ProgressReport, user) -> ProgressReport:
    """A new draft carrying the released texts, to correct them; released once, it replaces."""
    if report.status != ProgressReport.Status.RELEASED:
        raise ValidationError(_("Nur eine freigegebene Fassung kann ersetzt werden."))
    if hasattr(report, "superseded_by"):
        raise ValidationError(_("Für diese Fassung gibt es schon eine neue Fassung."))
    with transaction.atomic():
        version = (
            ProgressReport.objects.filter(
                plan=report.plan, kind=report.kind, period_end=report.period_end
            ).count()
            + 1
        )
        successor = ProgressReport.objects.create(
            plan=report.plan,
            kind=report.kind,
            period_start=report.period_start,
            period_end=report.period_end,
            version=version,
            sections=[dict(section) for section in report.sections],
            supersedes=report,
            created_by=user,
        )
        audit.record(
            successor, "funding.progressreport.drafted", user=user, data={"version": version}
        )
    return successor
