"""Reports of a wave: joint or per chamber, editable texts, frozen published versions.

A published version stores the texts and every figure (already protected) as they were;
its page, PDF, XLSX and press summary are rendered from that snapshot alone, so a later
correction of an answer never changes what was published.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.economy.models import Answer, Report, ReportVersion, Wave
from verbund.economy.services import extra, figures

TEXT_FIELDS = (
    "summary",
    "situation_text",
    "outlook_text",
    "sectors_text",
    "press_text",
    "quotes",
)
# Above this many answers (all waves of the series) publishing runs as a background task.
LARGE_REPORT_ANSWERS = 5_000


def default_title(wave: Wave, chamber=None) -> str:
    if chamber is None:
        return _("Gemeinsamer Konjunkturbericht %(wave)s") % {"wave": wave.label}
    return _("Konjunkturbericht %(chamber)s %(wave)s") % {
        "chamber": chamber.short_name or chamber.name,
        "wave": wave.label,
    }


@transaction.atomic
def report_for(wave: Wave, chamber, user) -> Report:
    """The wave's joint report (``chamber`` None) or a chamber's own, created on first use."""
    report = Report.objects.filter(wave=wave, chamber=chamber).first()
    if report is None:
        report = Report.objects.create(
            wave=wave, chamber=chamber, title=default_title(wave, chamber)
        )
        audit.record(report, "economy.report.created", user=user)
    return report


def scope_label(report: Report) -> str:
    if report.chamber_id is None:
        return ", ".join(
            str(m.organization.short_name or m.organization)
            for m in report.wave.network.memberships.filter(role="lead").select_related(
                "organization"
            )
        )
    return str(report.chamber.short_name or report.chamber)


def draft_snapshot(report: Report) -> dict:
    """What publishing would freeze now: texts and the current, protected figures."""
    return {
        "title": report.title,
        "scope": scope_label(report),
        "network": str(report.wave.network),
        "wave": report.wave.label,
        "texts": {name: getattr(report, name) for name in TEXT_FIELDS},
        "figures": figures.report_figures(report.wave, report.chamber_id),
        "extra": extra.extra_figures(report.wave, report.chamber_id),
    }


def is_large(report: Report) -> bool:
    answers = Answer.objects.filter(wave__network_id=report.wave.network_id)
    if report.chamber_id:
        answers = answers.filter(chamber_id=report.chamber_id)
    return answers.count() > LARGE_REPORT_ANSWERS


@transaction.atomic
def publish(report: Report, user) -> ReportVersion:
    """Freeze the report as its next version (the report row is locked while numbering)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    snapshot = draft_snapshot(report)
    snapshot["published_at"] = timezone.localtime().isoformat()
    version = ReportVersion.objects.create(
        report=report, number=last + 1, published_by=user, snapshot=snapshot
    )
    Report.objects.filter(pk=report.pk).update(approvals={})  # the next version: new releases
    audit.record(version, "economy.report.published", user=user, data={"number": last + 1})
    return version


def press_summary(snapshot: dict) -> str:
    """The headline numbers as a short press text (German, with decimal commas)."""
    total = snapshot["figures"]["total"]
    if total["hidden"]:
        return _("Zu wenige Antworten für eine Veröffentlichung.")
    series = [row for row in snapshot["figures"]["series"] if not row["hidden"]]
    previous = series[-2] if len(series) > 1 else None
    lines = [
        _(
            "Der Konjunkturklimaindex für %(scope)s liegt in der Umfrage %(wave)s bei "
            "%(klima)s Punkten (Lage %(lage)s, Erwartungen %(erwartungen)s; %(firms)s Betriebe)."
        )
        % {
            "scope": snapshot["scope"],
            "wave": snapshot["wave"],
            "klima": decimal_comma(total["klima"]),
            "lage": decimal_comma(total["lage"]),
            "erwartungen": decimal_comma(total["erwartungen"]),
            "firms": total["firms"],
        }
    ]
    if previous is not None and previous["label"] != snapshot["wave"]:
        lines.append(
            _("In der Vorumfrage (%(wave)s) lag er bei %(klima)s Punkten.")
            % {"wave": previous["label"], "klima": decimal_comma(previous["klima"])}
        )
    if snapshot["texts"].get("press_text"):
        lines.append(snapshot["texts"]["press_text"])
    return "\n\n".join(lines)


def decimal_comma(value) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")
