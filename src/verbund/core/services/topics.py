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


# -- One topic truth ------------------------------------------------------------------------
# Search, gap analysis and advice match topics by the same rule: a topic stands for itself
# and all its narrower topics (an offer on "Künstliche Intelligenz" is an offer on
# "Digitalisierung"); advice also counts the broader topic as related.


def ancestor_chains() -> dict[int, tuple[int, ...]]:
    """topic pk -> (pk, parent, grandparent, ...)."""
    parents = dict(Topic.objects.values_list("pk", "parent_id"))
    chains = {}
    for pk in parents:
        chain, current = [pk], parents[pk]
        while current and current not in chain:
            chain.append(current)
            current = parents.get(current)
        chains[pk] = tuple(chain)
    return chains


def family_ids(topic_id: int, chains: dict | None = None) -> frozenset[int]:
    """The topic and all its narrower topics (every level)."""
    chains = ancestor_chains() if chains is None else chains
    return frozenset(pk for pk, chain in chains.items() if topic_id in chain)


def related_ids(topic_id: int | None) -> frozenset[int]:
    """Narrower topics (every level) and the broader one: "related" in advice."""
    if topic_id is None:
        return frozenset()
    chains = ancestor_chains()
    related = set(family_ids(topic_id, chains)) - {topic_id}
    chain = chains.get(topic_id, ())
    if len(chain) > 1:
        related.add(chain[1])
    return frozenset(related)


def broader_codes() -> dict[str, tuple[str, ...]]:
    """topic code -> its code and the codes of all broader topics (for the search index)."""
    codes = dict(Topic.objects.values_list("pk", "code"))
    return {codes[pk]: tuple(codes[p] for p in chain) for pk, chain in ancestor_chains().items()}
