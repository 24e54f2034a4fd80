"""The demo's and a generated catalogue's openQ-cat files pass the BA's schema with 0 errors."""

import io
import zipfile

import pytest
from django.db import transaction
from django.utils import timezone

from tests.courses.test_openqcat_kursnet import ready, schema_errors
from verbund.core.demo.registry import DemoContext, registered_steps
from verbund.core.models import Organization
from verbund.courses.models import Offer, Run
from verbund.courses.services import catalog, generate, kursnet


@pytest.fixture(scope="module")
def _courses_demo(django_db_setup, django_db_blocker):
    """Core steps and the courses step once per module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        context = DemoContext(stdout=io.StringIO(), today=timezone.localdate())
        for step in registered_steps():
            if step.order < 100 or step.order == 110:
                step.function(context)
        yield context
        transaction.set_rollback(True)


def test_demo_catalogue_of_every_provider_is_valid(_courses_demo, db):
    providers = Organization.objects.filter(course_offers__isnull=False).distinct()
    archive = zipfile.ZipFile(io.BytesIO(catalog.export("openqcat")))
    assert len(archive.namelist()) == providers.count() > 3
    for name in archive.namelist():
        assert schema_errors(archive.read(name)) == [], name
    provider = providers.first()
    first = kursnet.deliver(provider)
    Offer.objects.filter(provider=provider).order_by("pk").first().delete()
    second = kursnet.deliver(provider)
    assert second.seq_number == first.seq_number + 1 and second.deleted >= 1
    assert schema_errors(second.content) == []


def test_generated_catalogue_is_valid(provider_a):
    ready(provider_a)
    generate.generate(300, seed=7, providers=[provider_a])
    Offer.objects.update(education_type=109)
    # Generated runs may lack an end ("flexible"): KURSNET needs one, the check names them.
    missing = Run.objects.filter(end_date__isnull=True).count()
    if missing:
        with pytest.raises(kursnet.Incomplete, match="Dauer fehlt"):
            catalog.export("openqcat", provider_a)
        Run.objects.filter(end_date__isnull=True).delete()
        Offer.objects.filter(runs__isnull=True).delete()
    content = catalog.export("openqcat", provider_a)
    assert schema_errors(content) == []
    assert content.count(b"<SERVICE>") >= 300
