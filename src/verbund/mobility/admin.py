"""Administrators maintain the rate tables per call year here (national agency figures)."""

from django.contrib import admin

from verbund.mobility import models


class TravelBandInline(admin.TabularInline):
    model = models.TravelBand
    extra = 0


class DailyRateInline(admin.TabularInline):
    model = models.DailyRate
    extra = 0


class TypeRateInline(admin.TabularInline):
    model = models.TypeRate
    extra = 0


@admin.register(models.RateTable)
class RateTableAdmin(admin.ModelAdmin):
    list_display = ("call_year", "inclusion", "rates_are_examples")
    inlines = (TravelBandInline, DailyRateInline, TypeRateInline)


for model in (models.MobilityProject, models.Placement, models.Exchange):
    admin.site.register(model)
