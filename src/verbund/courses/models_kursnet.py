"""What verbund keeps for deliveries to KURSNET (the Federal Employment Agency's database).

A provider's BA supplier id (``SUPPLIER_ID``/``SUPPLIER_ID_REF`` in openQ-cat) and the type of
its institution; each delivery remembers the products it sent with their fingerprints so the
next one is a differential delivery (``UPDATE_CATALOG`` with ``seq_number``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData
from verbund.core.querysets import ScopedQuerySet


class KursnetQuerySet(ScopedQuerySet):
    organization_lookup = "provider"


class KursnetSupplier(models.Model):
    provider = models.OneToOneField(
        Organization,
        verbose_name=_("Anbieter"),
        on_delete=models.CASCADE,
        related_name="kursnet_supplier",
    )
    supplier_id = models.CharField(
        _("Anbieternummer bei KURSNET"),
        max_length=30,
        blank=True,
        help_text=_("Die Nummer, unter der die Bundesagentur für Arbeit Sie führt."),
    )
    institution_type = models.PositiveIntegerField(
        _("Art der Bildungseinrichtung (KURSNET-Code)"),
        null=True,
        blank=True,
        help_text=_(
            "Code aus der KURSNET-Werteliste, z. B. 102 „Berufsbildende Schule/Einrichtung“."
        ),
    )
    # The last differential delivery (UPDATE_CATALOG seq_number) imported from KURSNET files.
    imported_seq_number = models.PositiveIntegerField(
        _("Zuletzt eingespielte Lieferung"), default=0
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = KursnetQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("identifiers of an organisation")

    class Meta:
        verbose_name = _("KURSNET-Anbieterangaben")
        verbose_name_plural = _("KURSNET-Anbieterangaben")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier_id"],
                condition=~models.Q(supplier_id=""),
                name="kursnet_supplier_id_unique",
            )
        ]

    def __str__(self):
        return f"{self.provider} ({self.supplier_id or '–'})"

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.provider_id})


class KursnetDelivery(models.Model):
    """One openQ-cat file handed to KURSNET (full or differential)."""

    provider = models.ForeignKey(
        Organization,
        verbose_name=_("Anbieter"),
        on_delete=models.CASCADE,
        related_name="kursnet_deliveries",
    )
    seq_number = models.PositiveIntegerField(_("Laufende Nummer"))
    full = models.BooleanField(_("Gesamtlieferung"), default=False)
    # PRODUCT_ID -> fingerprint of what was sent (offer version, run data).
    products = models.JSONField(default=dict, encoder=JSONEncoder)
    new_count = models.PositiveIntegerField(default=0)
    delete_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = KursnetQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("product ids and counts")

    class Meta:
        ordering = ["provider", "-seq_number"]
        verbose_name = _("KURSNET-Lieferung")
        verbose_name_plural = _("KURSNET-Lieferungen")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "seq_number"], name="kursnet_delivery_unique_seq"
            )
        ]

    def __str__(self):
        return f"{self.provider} #{self.seq_number}"

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.provider_id})
