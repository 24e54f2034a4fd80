from django.contrib import admin

from verbund.economy.models import Answer, ExtraQuestion, Invitation, PanelFirm, Report, Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "network", "status", "opens_on", "closes_on")
    list_filter = ("status", "season")


@admin.register(PanelFirm)
class PanelFirmAdmin(admin.ModelAdmin):
    list_display = ("name", "network", "chamber", "district", "wz", "employees", "active")
    search_fields = ("name",)
    raw_id_fields = ("organization", "contact")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "wave", "chamber")


admin.site.register(ExtraQuestion)
admin.site.register(Invitation, raw_id_fields=("firm",), list_display=("firm", "wave", "sent_at"))
admin.site.register(Answer, raw_id_fields=("firm",), list_display=("firm", "wave", "status"))
