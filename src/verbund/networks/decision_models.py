"""Each party's own decision on an agreement (seed 003: each chamber's general assembly)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData
from verbund.core.querysets import ScopedQuerySet


class PartyDecisionQuerySet(ScopedQuerySet):
    """Visible and editable with the agreement's network."""

    def visible_q(self, user):
        from verbund.networks.models import Network

        return Q(agreement__network__in=Network.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm):
        from verbund.networks.models import Network

        return Q(agreement__network__in=Network.objects.with_perm(user, perm).values("pk"))


class PartyDecision(models.Model):
    """When and by which body one party decided; the agreement is in force once all have."""

    agreement = models.ForeignKey(
        "networks.Agreement",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("Vereinbarung"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="agreement_decisions",
        verbose_name=_("Vertragspartei"),
    )
    decided_on = models.DateField(_("Beschlossen am"))
    body = models.CharField(
        _("Beschlussgremium"),
        max_length=120,
        blank=True,
        help_text=_("Zum Beispiel Vollversammlung, Präsidium, Kreistag"),
    )

    objects = PartyDecisionQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an organization's decision, no person")

    class Meta:
        ordering = ["decided_on", "organization__name"]
        verbose_name = _("Beschluss einer Vertragspartei")
        verbose_name_plural = _("Beschlüsse der Vertragsparteien")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"], name="party_decision_once_per_party"
            )
        ]

    def __str__(self):
        return f"{self.organization}: {self.body or self.decided_on}"

    def permission_scope(self):
        return self.agreement.permission_scope()

    def get_absolute_url(self):
        return self.agreement.get_absolute_url()
