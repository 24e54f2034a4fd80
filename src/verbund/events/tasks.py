"""Background tasks of events (django-tasks): B2B scheduling, waiting-list expiry."""

from django_tasks import task


@task()
def run_schedule(run_id: int) -> str:
    """A scheduling run queued before the runs moved to core's executor (kept for those)."""
    from verbund.core.services import runs

    return runs.execute("events.ScheduleRun", run_id)


@task()
def expire_offers() -> int:
    """Periodic: pass unanswered waiting-list offers on and let meeting requests lapse."""
    from verbund.events.services.matchmaking import expire_requests
    from verbund.events.services.registration import expire_offers as expire

    return expire() + expire_requests()


@task()
def send_registration_mail(registration_id: int, reason: str) -> bool:
    from verbund.events.services.mail import send_status_mail

    return send_status_mail(registration_id, reason)
