"""Background tasks of the business-climate survey (django-tasks)."""

from django_tasks import task


@task()
def publish_report(report_id: int, user_id: int | None) -> int:
    """Publish a large report (figures over many answers) outside the web request."""
    from django.contrib.auth import get_user_model

    from verbund.economy.models import Report
    from verbund.economy.services import reports

    report = Report.objects.get(pk=report_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        return reports.publish(report, user).number
    finally:
        Report.objects.filter(pk=report_id).update(publishing_since=None)
