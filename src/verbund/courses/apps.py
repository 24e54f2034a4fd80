from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "verbund.courses"
    label = "courses"
    verbose_name = _("Weiterbildung")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from verbund.core.models import Organization, Region, Topic
        from verbund.core.observability import metrics
        from verbund.core.services import health, housekeeping
        from verbund.courses import dashboard  # noqa: F401 - figures, task, capability
        from verbund.courses.services.changefeed import prune_change_log
        from verbund.courses.services.follower import readiness_check, replica_lag_seconds
        from verbund.courses.services.search import clear_label_cache

        health.register("search_index", readiness_check)
        housekeeping.register("Änderungsprotokoll der Kurssuche", prune_change_log)
        metrics.register_gauge(
            "verbund_search_replica_lag_seconds",
            "Age of the oldest change this server's search replica has not applied",
            replica_lag_seconds,
        )

        for model in (Organization, Region, Topic):
            for signal in (post_save, post_delete):
                signal.connect(clear_label_cache, sender=model, dispatch_uid=f"labels-{model}")
