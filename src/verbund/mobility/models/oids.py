"""The Organisation ID (OID) the European Commission gives every organisation taking part
in Erasmus+ (Organisation Registration System): "E" and eight digits, e.g. E10123456."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData
from verbund.core.querysets import ScopedQuerySet

oid_format = RegexValidator(
    r"^E\d{8}$", _("Eine OID besteht aus „E“ und acht Ziffern, z. B. E10123456.")
)


class OrganisationOidQuerySet(ScopedQuerySet):
    organization_lookup = "organization"


class OrganisationOid(models.Model):
    organization = models.OneToOneField(
        Organization,
        verbose_name=_("Einrichtung"),
        on_delete=models.CASCADE,
        related_name="erasmus_oid",
    )
    oid = models.CharField(_("OID (Erasmus+)"), max_length=9, unique=True, validators=[oid_format])
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationOidQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an organisation's public identifier")

    class Meta:
        verbose_name = _("Erasmus+-OID")
        verbose_name_plural = _("Erasmus+-OIDs")

    def __str__(self):
        return f"{self.organization} ({self.oid})"

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.organization_id})
