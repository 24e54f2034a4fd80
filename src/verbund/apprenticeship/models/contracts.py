"""Contracts of a Verbund: the Kooperationsvertrag and per apprentice the addendum to the
training contract (BBiG §11(1) No. 3). A change creates a new version; every original
party approves it (each approval recorded, the status visible to all parties)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.core.querysets import ScopedQuerySet


class ContractQuerySet(ScopedQuerySet):
    """Need to know (docs/privacy.md): a contract names an apprentice, so only its parties
    (the training company and the partner companies it lists) and the Verbund's
    coordination (``apprenticeship.plan_rotation`` through a team of the network or of its
    lead organization) see it, never every member of the network. Changed with
    ``apprenticeship.plan_rotation``."""

    def visible_q(self, user):
        from django.db.models import Q

        from verbund.core.services import access

        parties = Q(parties__in=access.member_organization_ids(user))
        return parties | self.perm_q(user, "apprenticeship.plan_rotation")

    def perm_q(self, user, perm):
        from django.db.models import Q

        from verbund.core.services import access

        return Q(network__in=access.networks_with(user, perm)) | Q(
            network__memberships__role="lead",
            network__memberships__organization__in=access.organizations_with(user, perm),
        )


class Contract(models.Model):
    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("Kooperationsvertrag")
        ADDENDUM = "addendum", _("Ergänzung zum Ausbildungsvertrag")

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Verbund"),
        on_delete=models.CASCADE,
        related_name="apprenticeship_contracts",
    )
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    apprentice = models.ForeignKey(
        "apprenticeship.Apprentice",
        verbose_name=_("Auszubildende/r"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contracts",
    )
    run = models.ForeignKey(
        "apprenticeship.RotationRun",
        verbose_name=_("Rotationsplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parties = models.ManyToManyField(
        Organization, verbose_name=_("Vertragsparteien"), related_name="apprenticeship_contracts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("the addendum names the apprentice through the Apprentice row")

    class Meta:
        ordering = ["network", "kind", "pk"]
        verbose_name = _("Vertrag")
        verbose_name_plural = _("Verträge")

    def __str__(self):
        if self.apprentice_id:
            return f"{self.get_kind_display()}: {self.apprentice}"
        return f"{self.get_kind_display()}: {self.network}"

    def get_absolute_url(self):
        return reverse("apprenticeship:contract_detail", args=[self.pk])

    def permission_scope(self):
        return self.network.permission_scope()

    @property
    def current(self):
        return self.versions.order_by("-number").first()


class ContractVersion(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("Version"))
    reason = models.CharField(_("Anlass der Änderung"), max_length=300, blank=True)
    # what the contract says: parties, stations, stays (a snapshot, the PDF is made from it)
    content = models.JSONField(default=dict, encoder=JSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("created_at",),
        on_erase="keep",
        reason="a signed contract version must stay; the user link is cleared with the account",
    )

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("Vertragsversion")
        verbose_name_plural = _("Vertragsversionen")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_contract_version")
        ]

    def __str__(self):
        return f"{self.contract} v{self.number}"

    def permission_scope(self):
        return self.contract.permission_scope()


class ContractApproval(models.Model):
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="approvals")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Vertragspartei"), on_delete=models.CASCADE, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = PersonalData(
        user_lookup="approved_by",
        fields=("approved_at",),
        on_erase="keep",
        reason="the approval of a contract must stay on record",
    )

    class Meta:
        verbose_name = _("Zustimmung")
        verbose_name_plural = _("Zustimmungen")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organization"], name="one_approval_per_party"
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.version}"
