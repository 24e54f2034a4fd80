from django.contrib import admin

from verbund.core.models import Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "duration_months")
    search_fields = ("name", "code")
