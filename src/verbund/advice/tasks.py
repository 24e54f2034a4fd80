"""Dashboard tasks: each advisor's due follow-ups."""

from django.utils.translation import gettext as _

from verbund.advice.services.cases import worklist
from verbund.core.services.dashboard import Task, task_provider


@task_provider
def follow_ups(user):
    if not user.is_authenticated:
        return []
    return [
        Task(
            title=_("Wiedervorlage: %(subject)s") % {"subject": case.subject},
            url=case.get_absolute_url(),
            due=case.follow_up_on,
            context=str(case.office),
        )
        for case in worklist(user)[:20]
    ]
