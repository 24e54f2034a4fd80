"""Exchanges of a partnership: group (youth) exchanges, staff exchanges, delegation visits."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization, Person
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.mobility.querysets import (
    ExchangeParticipantQuerySet,
    ExchangePartQuerySet,
    ExchangeQuerySet,
)
from verbund.networks.models import Activity, Network


class Exchange(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("Gruppenaustausch (Jugendliche)")
        STAFF = "staff", _("Austausch von Personal, Lehrenden und Forschenden")
        DELEGATION = "delegation", _("Delegationsbesuch")

    network = models.ForeignKey(
        Network, verbose_name=_("Partnerschaft"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=255)
    sending = models.ManyToManyField(
        Organization, verbose_name=_("Entsendende Einrichtungen"), related_name="+", blank=True
    )
    host = models.ForeignKey(
        Organization, verbose_name=_("Gastgeber"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    travel = models.TextField(_("Anreise"), blank=True)
    lodging = models.TextField(_("Unterkunft"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("Aktivität der Partnerschaft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ExchangeQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an exchange of organizations; people are in its participants")

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("Austausch")
        verbose_name_plural = _("Austausche")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mobility:exchange_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        network = self.network.permission_scope()
        return Scope(network.organization_ids | {self.host_id}, {self.network_id})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


class ExchangeParticipant(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Teilnehmer/in")
        ACCOMPANYING = "accompanying", _("Begleitperson")
        STAFF = "staff", _("Lehrende/r, Forschende/r, Personal")
        DELEGATE = "delegate", _("Delegationsmitglied")

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Person")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Einrichtung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ExchangeParticipantQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person", fields=("exchange", "role", "organization"), on_erase="delete"
    )

    class Meta:
        ordering = ["exchange", "role", "person__last_name"]
        verbose_name = _("Austauschteilnahme")
        verbose_name_plural = _("Austauschteilnahmen")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class ExchangeDay(models.Model):
    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="programme")
    date = models.DateField(_("Tag"))
    programme = models.TextField(_("Programm"))

    objects = ExchangePartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("the day programme of an exchange")

    class Meta:
        ordering = ["exchange", "date"]
        verbose_name = _("Programmtag")
        verbose_name_plural = _("Tagesprogramm")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"
