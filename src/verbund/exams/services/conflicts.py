"""Conflicts of interest (Befangenheit): which block hard, which only warn.

Hard (never assigned, passed to the solver as relatives): relatives of a candidate, the
candidate's trainer, the candidate's training company. Warnings (avoided by the solver
unless the planner overrides them for a sitting with a documented reason, which is
logged as ``exams.conflict.overridden``): former employers, business relations, other.
"""

from collections import defaultdict

from verbund.exams.models import Conflict

HARD_KINDS = {Conflict.Kind.RELATIVE, Conflict.Kind.TRAINER, Conflict.Kind.TRAINING_COMPANY}


def conflicts_by_sitting(examiners, sittings) -> dict[tuple[int, int], list[Conflict]]:
    """(sitting pk, examiner pk) -> the declared conflicts that touch that sitting."""
    found: dict[tuple[int, int], list[Conflict]] = defaultdict(list)
    candidates_of: dict[int, set[int]] = defaultdict(set)
    companies_of: dict[int, set[int]] = defaultdict(set)
    for sitting in sittings:
        for candidate in sitting.candidates.all():
            candidates_of[sitting.pk].add(candidate.pk)
            if candidate.company_id:
                companies_of[sitting.pk].add(candidate.company_id)
    conflicts = Conflict.objects.filter(examiner__in=[e.pk for e in examiners])
    by_examiner = defaultdict(list)
    for conflict in conflicts:
        by_examiner[conflict.examiner_id].append(conflict)
    for sitting in sittings:
        for examiner_id, items in by_examiner.items():
            for conflict in items:
                if (
                    conflict.candidate_id and conflict.candidate_id in candidates_of[sitting.pk]
                ) or (
                    conflict.organization_id
                    and conflict.organization_id in companies_of[sitting.pk]
                ):
                    found[sitting.pk, examiner_id].append(conflict)
    return found


def pair_conflicts(examiner, sitting) -> list[Conflict]:
    return conflicts_by_sitting([examiner], [sitting]).get((sitting.pk, examiner.pk), [])
