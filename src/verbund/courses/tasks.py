"""Dashboard tasks of the course database: offers without a future run, per provider."""

from django.urls import reverse
from django.utils.translation import ngettext

from verbund.core.services import access
from verbund.core.services.dashboard import Task, task_provider
from verbund.courses.models import Offer
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services.offers import dormant_offers


@task_provider
def offers_without_future_run(user):
    if not access.has_perm(user, COURSES_EDIT_OWN):
        return []
    count = dormant_offers(Offer.objects.with_perm(user, COURSES_EDIT_OWN)).count()
    if not count:
        return []
    title = ngettext(
        "%(count)s Weiterbildungsangebot ohne künftigen Termin",
        "%(count)s Weiterbildungsangebote ohne künftigen Termin",
        count,
    ) % {"count": count}
    return [Task(title=title, url=reverse("courses:my_offers") + "?status=dormant")]
