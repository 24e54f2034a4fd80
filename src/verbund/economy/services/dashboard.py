"""Open tasks of the economic-policy department on the dashboard: running waves."""

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.core.services.dashboard import Task, task_provider
from verbund.economy.models import Wave
from verbund.economy.permissions import ECONOMY_MANAGE
from verbund.economy.services.waves import response_rate


@task_provider
def running_waves(user):
    for wave in Wave.objects.with_perm(user, ECONOMY_MANAGE).filter(status=Wave.Status.OPEN):
        rate = response_rate(wave)
        yield Task(
            title=_("Konjunkturumfrage %(wave)s läuft: %(submitted)s von %(invited)s Antworten")
            % {"wave": wave, "submitted": rate["submitted"], "invited": rate["invited"]},
            url=reverse("economy:invitation_list", args=[wave.pk]),
            due=wave.closes_on,
            context=str(wave.network),
        )
