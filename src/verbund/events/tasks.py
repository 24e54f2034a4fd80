"""Background tasks of events (django-tasks): B2B scheduling, waiting-list expiry."""

from django_tasks import task


@task()
def run_schedule(run_id: int) -> str:
    from verbund.events.models import ScheduleRun
    from verbund.events.services.agenda import execute_run

    return execute_run(ScheduleRun.objects.select_related("event").get(pk=run_id)).status


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
