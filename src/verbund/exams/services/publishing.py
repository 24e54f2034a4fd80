"""Publishing a plan: a preview of what changes, then the publication itself.

The period keeps what it last published (``published_plan``: sitting code, examiner pk,
group). The preview compares the current plan with it: which assignments are new, which
were removed, who gets a mail. Publishing refuses to go ahead when the plan changed
after the preview was shown (the preview's version is sent along), so that what was
confirmed is what is published.

The page publishes in two steps: the publication itself (quick, in the request) and the
mail to every examiner concerned, a background job (``MAIL_KIND``, exams/jobs.py) that
gets the changes as its parameters.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from verbund.core.services import audit, jobs
from verbund.exams.models import Assignment, Examiner, ExamPeriod, Sitting
from verbund.exams.services import notify, versions


@dataclass
class Preview:
    added: list  # Assignment rows not yet published
    removed: list  # (sitting, examiner, group) published before, no longer in the plan
    version: int
    mailed: dict = field(default_factory=dict)  # examiner -> {"added": [...], "removed": [...]}

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def _active(period):
    return Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)


def _key(sitting_code, examiner_pk, group):
    return (sitting_code, int(examiner_pk), group)


def preview(period) -> Preview:
    rows = list(
        _active(period).select_related("examiner__person", "sitting__board", "sitting__occupation")
    )
    current = {_key(r.sitting.code, r.examiner_id, r.group) for r in rows}
    before = {_key(*entry) for entry in period.published_plan or []}
    added = [r for r in rows if not r.published]
    gone = sorted(before - current)
    sittings = Sitting.objects.filter(period=period, code__in={k[0] for k in gone}).select_related(
        "occupation"
    )
    sitting_by_code = {s.code: s for s in sittings}
    examiners = Examiner.objects.filter(pk__in={k[1] for k in gone}).select_related("person")
    examiner_by_pk = {e.pk: e for e in examiners}
    removed = [
        (sitting_by_code[code], examiner_by_pk[pk], group)
        for code, pk, group in gone
        if code in sitting_by_code and pk in examiner_by_pk
    ]
    mailed = defaultdict(lambda: {"added": [], "removed": []})
    for row in added:
        mailed[row.examiner]["added"].append(row)
    for sitting, examiner, group in removed:
        mailed[examiner]["removed"].append((sitting, group))
    ordered = dict(sorted(mailed.items(), key=lambda item: item[0].person.last_name))
    return Preview(added=added, removed=removed, version=period.version, mailed=ordered)


def mark_published(period) -> None:
    """Every active assignment is published; remember them for the next preview."""
    _active(period).update(published=True)
    now = timezone.now()
    snapshot = [
        [code, examiner, group]
        for code, examiner, group in _active(period).values_list(
            "sitting__code", "examiner_id", "group"
        )
    ]
    # Nothing unpublished is left: the change time is the publication time.
    ExamPeriod.objects.filter(pk=period.pk).update(
        published_at=now, published_plan=snapshot, plan_changed_at=now
    )
    period.published_at = period.plan_changed_at = now
    period.published_plan = snapshot


MAIL_KIND = "exams.mail_published_plan"


def _record(period, user, expected_version) -> Preview:
    with transaction.atomic():
        versions.claim(period, expected_version)
        shown = preview(period)
        mark_published(period)
        audit.record(
            period,
            "exams.plan.published",
            user=user,
            data={"new": len(shown.added), "removed": len(shown.removed)},
        )
    return shown


def publish(period, user, *, expected_version=None) -> int:
    """Publish the plan; examiners with new or cancelled sittings get one mail each.

    Returns the number of examiners mailed. Raises versions.StaleVersion when the plan
    changed after the preview with ``expected_version`` was shown. (The page uses
    ``publish_in_background``; this is for the service callers.)
    """
    shown = _record(period, user, expected_version)
    return mail_changes(_changes(shown))


def _changes(shown: Preview) -> dict:
    """Who is mailed what, as JSON: examiner pk -> added assignment pks, removed seats."""
    return {
        str(examiner.pk): {
            "added": [row.pk for row in change["added"]],
            "removed": [[sitting.pk, group] for sitting, group in change["removed"]],
        }
        for examiner, change in shown.mailed.items()
    }


def publishing_job(user, period, expected_version):
    """The mail job of the publication confirmed with ``expected_version``, if any."""
    if expected_version is None:
        return None
    return (
        jobs.visible_jobs(user)
        .filter(kind=MAIL_KIND, params__period=period.pk, params__version=expected_version)
        .first()
    )


def publish_in_background(period, user, *, expected_version=None, title="", result_url=""):
    """Publish now, mail in the background; returns the mail job.

    A second submit of the same preview (same version) follows the job already started
    instead of being refused as stale, so nobody is mailed twice."""
    existing = publishing_job(user, period, expected_version)
    if existing is not None:
        return existing
    shown = _record(period, user, expected_version)
    return jobs.start(
        MAIL_KIND,
        user=user,
        title=title,
        params={"period": period.pk, "version": expected_version, "mail": _changes(shown)},
        result_url=result_url,
    )


def mail_changes(changes: dict, progress=None, deliver=None) -> int:
    """Send the mails of ``_changes``; returns how many examiners got one.

    ``deliver(key, send)`` (the job's ``jobs.deliver_once``) skips examiners an earlier
    attempt of the job already mailed, so a retried job mails nobody twice."""
    examiners = Examiner.objects.filter(pk__in=[int(pk) for pk in changes]).select_related("person")
    by_pk = {str(e.pk): e for e in examiners}
    assignments = Assignment.objects.filter(
        pk__in=[pk for change in changes.values() for pk in change["added"]]
    ).select_related("sitting__board", "sitting__occupation")
    assignment_by_pk = {a.pk: a for a in assignments}
    sittings = Sitting.objects.filter(
        pk__in=[pk for change in changes.values() for pk, _group in change["removed"]]
    )
    sitting_by_pk = {s.pk: s for s in sittings}
    mailed = 0
    for done, (pk, change) in enumerate(changes.items(), start=1):
        examiner = by_pk.get(pk)
        if examiner is None:
            continue
        added = [assignment_by_pk[a] for a in change["added"] if a in assignment_by_pk]
        removed = [(sitting_by_pk[s], g) for s, g in change["removed"] if s in sitting_by_pk]

        def send(examiner=examiner, added=added, removed=removed):
            sent = notify.mail_assignments(examiner, added)
            return notify.mail_cancellations(examiner, removed) or sent

        if deliver is None:
            mailed += bool(send())
        else:
            # an examiner mailed by an earlier attempt counts as mailed
            mailed += bool(deliver(f"examiner:{pk}", send) in (None, True))
        if progress is not None:
            progress(done / len(changes), "")
    return mailed
