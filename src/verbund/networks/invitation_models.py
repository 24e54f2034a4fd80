"""Membership by consent: an organization joins a network by accepting an invitation."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.personal_data import NoPersonalData
from verbund.networks.models import Membership  # imported at the end of networks.models
from verbund.networks.querysets import InvitationQuerySet


class Invitation(models.Model):
    """A network's invitation to an organization; someone of that organization holding
    ``organizations.edit`` accepts it (the membership is created then) or declines it.
    Who invited and who answered is in the audit log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Offen")
        ACCEPTED = "accepted", _("Angenommen")
        DECLINED = "declined", _("Abgelehnt")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("Netzwerk"),
    )
    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="network_invitations",
        verbose_name=_("Organisation"),
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    note = models.CharField(_("Nachricht"), max_length=255, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("Eingeladen am"), auto_now_add=True)
    answered_at = models.DateTimeField(_("Beantwortet am"), null=True, blank=True)
    membership = models.ForeignKey(
        "networks.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Mitgliedschaft"),
    )

    objects = InvitationQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an invitation between organizations; who acted is audited")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung in ein Netzwerk")
        verbose_name_plural = _("Einladungen in Netzwerke")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation",
            )
        ]

    def __str__(self):
        return f"{self.organization} → {self.network}"

    def get_absolute_url(self):
        return reverse("networks:invitation_list")

    def permission_scope(self):
        return self.network.permission_scope()
