"""Data migration: the Themenkatalog (topics) from verbund.core.data.topics.

Uses the historical model and the static data module only, so that later changes to
models or services cannot break it. ``verbund seed_reference`` applies later catalogue
edits to existing databases the same way (update_or_create by code).
"""

from django.db import migrations


def seed_topics(apps, schema_editor):
    from verbund.core.data.topics import TOPICS

    topic_model = apps.get_model("core", "Topic")
    by_code = {}
    for data in TOPICS:
        topic, _created = topic_model.objects.update_or_create(
            code=data.code,
            defaults={
                "parent": by_code[data.parent] if data.parent else None,
                "label_de": data.de,
                "label_en": data.en,
                "label_fr": data.fr,
                "synonyms": list(data.synonyms),
            },
        )
        by_code[data.code] = topic


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(seed_topics, migrations.RunPython.noop, elidable=False)]
