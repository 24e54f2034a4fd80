"""Write the Themenkatalog (``verbund.core.data.topics``) into the database."""

from django.db import transaction

from verbund.core.data.topics import TOPICS
from verbund.core.models import Topic


@transaction.atomic
def seed_topics() -> int:
    """Create or update every topic by its ``code``; idempotent. Returns the number of topics.

    Topics that have left the catalogue are kept (offers may still point to them).
    """
    by_code: dict[str, Topic] = {}
    for data in TOPICS:
        topic, _created = Topic.objects.update_or_create(
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
    return len(by_code)


def topic_tree() -> list[tuple[Topic, int]]:
    """All topics in catalogue order, depth-first, with their depth (0 = top level)."""
    topics = list(Topic.objects.all())
    children: dict[int | None, list[Topic]] = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    result: list[tuple[Topic, int]] = []

    def walk(parent_id, depth):
        for topic in sorted(children.get(parent_id, []), key=lambda item: item.label_de):
            result.append((topic, depth))
            walk(topic.pk, depth + 1)

    walk(None, 0)
    return result
