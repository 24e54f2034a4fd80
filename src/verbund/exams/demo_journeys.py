"""Demo step: what the examiner and the exam department find on the day the demo loads.

The joint pool's main period lies in the future; here, relative to today: a past period
in which the demo examiner ("pruefer") sat on two sittings (one claimed already, one
still to claim), claims of colleagues for the exam department to decide, and an upcoming
period whose availability poll is open and not yet answered by the examiner.
"""

import secrets
from decimal import Decimal

from django.utils import timezone

from verbund.core.demo.registry import DemoContext, register_step
from verbund.exams.models import (
    Assignment,
    Availability,
    Board,
    BoardMember,
    Examiner,
    ExamPeriod,
    RateTable,
    Sitting,
)
from verbund.exams.services import compensation


def period_name(start, end) -> str:
    """The name chambers give an exam period, after the season of its middle day."""
    middle = start + (end - start) / 2
    year = middle.year
    if middle.month in (11, 12):
        return f"Winterprüfung {year}/{(year + 1) % 100:02d}"
    if middle.month in (1, 2):
        return f"Winterprüfung {year - 1}/{year % 100:02d}"
    if middle.month in (9, 10):
        return f"Herbstprüfung {year}"
    return f"Sommerprüfung {year}"


@register_step(420, "exams: a past period to claim for and an open availability poll")
def load_examiner_journey(ctx: DemoContext) -> None:
    examiner = Examiner.objects.filter(person__user=ctx.users.get("pruefer")).first()
    if examiner is None:
        return
    membership = BoardMember.objects.filter(examiner=examiner).select_related("board").first()
    if membership is None:
        # Board seats follow the solved plan (who sits most often), and the solver's plan
        # may differ from run to run: the demo examiner then gets a deputy seat of a board
        # of an occupation they examine, so their journey always has a board.
        board = (
            Board.objects.filter(
                network=examiner.network_id, occupation__in=examiner.occupations.all()
            )
            .order_by("code")
            .first()
        )
        if board is None:
            return
        membership = BoardMember.objects.create(
            board=board, examiner=examiner, role=BoardMember.Role.DEPUTY
        )
    board = membership.board
    past = ExamPeriod.objects.create(
        name=period_name(ctx.days(-60), ctx.days(-20)),
        chamber=board.chamber,
        network=board.network,
        start=ctx.days(-60),
        end=ctx.days(-20),
        published_at=timezone.now(),
    )
    colleagues = [m.examiner for m in board.members.exclude(examiner=examiner)[:2]]
    claimed = []
    for number, days_ago in enumerate((-45, -25), start=1):
        sitting = Sitting.objects.create(
            period=past,
            code=f"W{number}",
            board=board,
            occupation=board.occupation,
            date=ctx.days(days_ago),
            place="IHK Braunschweig, Brabandtstraße 11, 38100 Braunschweig",
            lat=52.2625,
            lon=10.5213,
        )
        for person in (examiner, *colleagues):
            assignment = Assignment.objects.create(
                sitting=sitting, examiner=person, group=person.group, published=True
            )
            # The examiner claimed the first sitting; the second is still to claim. The
            # colleagues' claims wait for the exam department's decision.
            if person != examiner or number == 1:
                claimed.append(assignment)
    for year in {ctx.days(-60).year, ctx.days(-20).year}:
        RateTable.objects.get_or_create(
            chamber=board.chamber,
            year=year,
            defaults={
                "hourly_loss": Decimal("25.00"),
                "cap_hours_per_day": 10,
                "travel_per_km": Decimal("0.42"),
                "daily_allowance": Decimal("14.00"),
            },
        )
    for assignment in claimed:
        compensation.submit(assignment, Decimal("7.5"), Decimal("38"), user=None)
    upcoming = ExamPeriod.objects.create(
        name=period_name(ctx.days(45), ctx.days(75)),
        chamber=board.chamber,
        network=board.network,
        start=ctx.days(45),
        end=ctx.days(75),
        poll_deadline=ctx.days(14),
    )
    Availability.objects.bulk_create(
        [
            Availability(
                period=upcoming,
                examiner=person,
                token=secrets.token_urlsafe(24),
                sent_at=timezone.now(),
            )
            for person in (examiner, *colleagues)
        ]
    )
    ctx.log(
        f"past period with {past.sittings.count()} sittings and {len(claimed)} claims; "
        f"open poll until {upcoming.poll_deadline:%d.%m.%Y}"
    )
