"""Publishing a plan: a preview of what changes, then the publication itself.

The period keeps what it last published (``published_plan``: sitting code, examiner pk,
group). The preview compares the current plan with it: which assignments are new, which
were removed, who gets a mail. Publishing refuses to go ahead when the plan changed
after the preview was shown (the preview's version is sent along), so that what was
confirmed is what is published.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from verbund.core.services import audit
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


def publish(period, user, *, expected_version=None) -> int:
    """Publish the plan; examiners with new or cancelled sittings get one mail each.

    Returns the number of examiners mailed. Raises versions.StaleVersion when the plan
    changed after the preview with ``expected_version`` was shown.
    """
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
    mailed = 0
    for examiner, change in shown.mailed.items():
        for row in change["added"]:
            row.published = True
        sent = notify.mail_assignments(examiner, change["added"])
        sent = notify.mail_cancellations(examiner, change["removed"]) or sent
        mailed += bool(sent)
    return mailed
