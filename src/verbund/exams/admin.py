from django.contrib import admin

from verbund.exams import models


@admin.register(models.Examiner)
class ExaminerAdmin(admin.ModelAdmin):
    list_display = ("person", "group", "chamber", "appointed_until", "active")
    list_filter = ("group", "chamber", "active")
    search_fields = ("person__last_name", "person__first_name")
    raw_id_fields = ("person", "company")


@admin.register(models.Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "chamber")
    filter_horizontal = ("attendees",)


for model in (models.Board, models.ExamPeriod, models.RateTable):
    admin.site.register(model)
