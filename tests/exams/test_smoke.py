from verbund.exams.models import Assignment, UnfilledSeat
from verbund.exams.services import planning


def test_solve_fills_every_seat(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=3)
    assert run.status == "done", run.message
    assert Assignment.objects.filter(sitting__period=pool_a.period).count() == 9
    assert not UnfilledSeat.objects.exists()
