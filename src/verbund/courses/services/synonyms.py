"""The synonym table of the search: the editable ``Synonym`` rows plus the topic synonyms.

Synonyms apply at query time, so editing them needs no reindex. Each process keeps the
table for ``CACHE_SECONDS`` (edits in this process take effect at once).
"""

import re
import time

from django.db import transaction

from verbund.core.models import Topic
from verbund.core.services import audit
from verbund.courses.search import SynonymTable

CACHE_SECONDS = 30.0
_cache: dict[str, object] = {"table": None, "loaded": 0.0}


def parse_list(text: str) -> list[str]:
    """``Excel; Tabellenkalkulation, Calc`` -> the words, split at ``;``, ``,`` or new lines."""
    return [part.strip() for part in re.split(r"[;,\n]", text or "") if part.strip()]


def groups() -> list[list[str]]:
    from verbund.courses.models import Synonym

    result = [[row.term, *row.synonyms] for row in Synonym.objects.all()]
    for topic in Topic.objects.exclude(synonyms=[]).only("label_de", "synonyms"):
        result.append([topic.label_de, *topic.synonyms])
    return result


def current_table() -> SynonymTable:
    now = time.monotonic()
    if _cache["table"] is None or now - _cache["loaded"] > CACHE_SECONDS:
        _cache["table"] = SynonymTable(groups())
        _cache["loaded"] = now
    return _cache["table"]


def invalidate() -> None:
    _cache["table"] = None


def save_synonym(synonym, term: str, words: list[str], user) -> object:
    creating = synonym.pk is None
    old = None if creating else [synonym.term, synonym.synonyms]
    synonym.term = term.strip()
    synonym.synonyms = words
    synonym.full_clean()
    with transaction.atomic():
        synonym.save()
        audit.record(
            synonym,
            "courses.synonym.created" if creating else "courses.synonym.changed",
            user=user,
            changes={"synonyms": (old, [synonym.term, synonym.synonyms])},
        )
        transaction.on_commit(invalidate)
    return synonym


def delete_synonym(synonym, user) -> None:
    with transaction.atomic():
        audit.record(synonym, "courses.synonym.deleted", user=user)
        synonym.delete()
        transaction.on_commit(invalidate)
