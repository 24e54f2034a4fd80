"""Gap reports are computed by a background job and kept for the pages that show them.

With a million offers one report takes about ten seconds (docs/needs.md), too long for a
web request. ``report_for`` therefore never computes: it returns the newest stored report
for the same wave, options and answers (any user's, the report does not depend on who
asks), or starts the job ``needs.gap_report`` and returns it for the page to poll.

A stored report is the finished job's ``result`` (in the database, so every web process and
the worker share it). It is used while

* the wave's submitted answers are the same (count and last submission: the ``stamp``),
* it is from today (horizons count from today), and
* it is younger than ``MAX_AGE`` (offers and runs change too; the page shows "Stand" and a
  button to compute it anew).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.core.models import Job
from verbund.core.services import jobs
from verbund.needs.models import Response, Wave
from verbund.needs.services import gaps
from verbund.needs.services.supply import HORIZONS

KIND = "needs.gap_report"
MAX_AGE = timedelta(minutes=30)


@dataclass
class StoredReport:
    rows: list[gaps.GapRow]
    computed_at: object  # datetime of the job's end
    job: Job


def stamp(wave: Wave) -> str:
    """What the report's demand depends on: the wave's submitted answers."""
    figures = Response.objects.filter(wave=wave, status=Response.Status.SUBMITTED).aggregate(
        count=Count("pk"), last=Max("submitted_at"), changed=Max("updated_at")
    )
    last = max((value for value in (figures["last"], figures["changed"]) if value), default=None)
    return f"{figures['count']}:{last.isoformat() if last else '-'}:{timezone.localdate()}"


def params_for(wave: Wave, *, by_target_group: bool, districts: set[int] | None = None) -> dict:
    return {
        "wave": wave.pk,
        "by_target_group": bool(by_target_group),
        "districts": sorted(districts) if districts is not None else None,
        "stamp": stamp(wave),
    }


def rows_to_json(rows: list[gaps.GapRow]) -> list[dict]:
    return [asdict(row) for row in rows]


def rows_from_json(data: list[dict]) -> list[gaps.GapRow]:
    return [gaps.GapRow(**row) for row in data]


def stored(params: dict, *, now=None) -> StoredReport | None:
    """The newest finished report for exactly these parameters, if still fresh."""
    now = now or timezone.now()
    candidates = Job.objects.filter(
        kind=KIND,
        status=Job.Status.DONE,
        finished_at__gte=now - MAX_AGE,
        params__wave=params["wave"],
        params__stamp=params["stamp"],
    ).order_by("-finished_at")
    for job in candidates[:20]:
        same = all(job.params.get(key) == params[key] for key in ("by_target_group", "districts"))
        if same and "rows" in job.result:
            return StoredReport(rows_from_json(job.result["rows"]), job.finished_at, job)
    return None


def start(wave: Wave, params: dict, user, result_url: str, *, fresh: bool = False) -> Job:
    """Start (or follow the user's running) computation of a report."""
    job_params = dict(params)
    if fresh:
        # A new computation even if a stored one exists (offers changed since).
        job_params["requested_at"] = timezone.now().isoformat()
    return jobs.start(
        KIND,
        user=user,
        title=_("Lückenanalyse: %(wave)s") % {"wave": wave},
        params=job_params,
        result_url=result_url,
    )


def report_for(wave: Wave, params: dict, user, result_url: str) -> StoredReport | Job:
    """The stored report, or the job computing it (finished at once in tests)."""
    report = stored(params)
    if report is not None:
        return report
    job = start(wave, params, user, result_url)
    if job.status == Job.Status.DONE:
        return StoredReport(rows_from_json(job.result["rows"]), job.finished_at, job)
    return job


def finished_message(rows) -> str:
    """Gaps per horizon, as the page shows one horizon at a time (one total over all
    horizons said "10 Lücken" above a page of 4)."""
    shown, withheld = gaps.published(rows)
    per_horizon = [
        ngettext(
            "%(count)s Lücke in %(months)s Monaten",
            "%(count)s Lücken in %(months)s Monaten",
            count,
        )
        % {"count": count, "months": months}
        for months in HORIZONS
        for count in [sum(1 for row in shown if row.horizon == months)]
    ]
    return _("Gefunden: %(list)s; %(withheld)s aus Datenschutzgründen zurückgehalten.") % {
        "list": ", ".join(per_horizon),
        "withheld": withheld,
    }


def compute(job: Job, progress) -> dict:
    """The job function: compute and keep the report's rows."""
    params = job.params
    wave = Wave.objects.get(pk=params["wave"])
    progress(0.05, _("Bedarf und Angebot werden verglichen …"))
    districts = set(params["districts"]) if params.get("districts") is not None else None
    rows = gaps.gap_report(wave, by_target_group=params["by_target_group"], districts=districts)
    progress(1.0, finished_message(rows))
    _drop_older(job)
    return {"rows": rows_to_json(rows)}


def _drop_older(job: Job) -> None:
    """Keep one stored report per wave and options: older ones are never shown again."""
    params = job.params
    older = Job.objects.filter(
        kind=KIND, status=Job.Status.DONE, params__wave=params["wave"]
    ).exclude(pk=job.pk)
    stale = [
        other.pk
        for other in older.only("pk", "params")
        if all(other.params.get(key) == params.get(key) for key in ("by_target_group", "districts"))
    ]
    Job.objects.filter(pk__in=stale).delete()
