"""``verbund courses generate``: synthetic offers written in bulk, then indexed."""

import datetime

import pytest

from verbund.core.models import Organization, Topic
from verbund.courses.models import Offer, Run
from verbund.courses.search import SearchRequest
from verbund.courses.services import generate, indexing
from verbund.courses.services.search import search


@pytest.mark.django_db(transaction=True)
def test_generate_writes_offers_runs_topics_and_keeps_the_id_sequence(index_dir):
    Topic.objects.get_or_create(code="schweissen", defaults={"label_de": "Schweißen"})
    written = generate.generate(120, seed=5, start_day=datetime.date.today())
    assert written == Offer.objects.count() == 120
    assert Run.objects.count() >= 120
    offer = Offer.objects.order_by("pk").first()
    assert offer.external_id.startswith(generate.SYNTHETIC_PREFIX)
    assert offer.status == Offer.Status.ACTIVE and offer.version == 1
    assert offer.created_at is not None and isinstance(offer.keywords, list)
    assert offer.provider.kind == Organization.Kind.PROVIDER
    assert all(run.start_date <= run.end_date for run in offer.runs.all())
    # A second batch continues the ids, and ordinary creates still get fresh ids.
    generate.generate(5, seed=6)
    fresh = Offer.objects.create(
        provider=offer.provider, external_id="x-1", title="Neu", description="d", format="online"
    )
    assert fresh.pk == Offer.objects.order_by("-pk").values_list("pk", flat=True)[1] + 1
    assert indexing.rebuild() == Offer.objects.searchable(datetime.date.today()).count()
    result, items = search(SearchRequest(text=offer.title.split()[0]))
    assert result.total > 0 and items
