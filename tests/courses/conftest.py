"""Course test world: two providers (A, B), their staff, offers with runs, a fresh index."""

import datetime
from decimal import Decimal

import pytest

from tests import factories
from verbund.core.models import Organization, Topic
from verbund.courses.models import Offer, Run
from verbund.courses.services import indexing, synonyms

TODAY = datetime.date.today()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    """Every test gets its own index directory; on-commit updates stay on."""
    settings.INDEX_DIR = tmp_path / "index"
    synonyms.invalidate()
    yield settings.INDEX_DIR / "courses"
    indexing.forget_index(settings.INDEX_DIR / "courses")
    synonyms.invalidate()


@pytest.fixture
def provider_a(db):
    return factories.organization(
        "Kreisvolkshochschule Holzminden", kind=Organization.Kind.PROVIDER, city="Holzminden"
    )


@pytest.fixture
def provider_b(db):
    return factories.organization(
        "Kreishandwerkerschaft Vechta", kind=Organization.Kind.PROVIDER, city="Vechta"
    )


@pytest.fixture
def staff_a(provider_a):
    account = factories.user("hanna", organization=provider_a)
    factories.grant(account, ["courses.edit_own"], organization=provider_a)
    return account


@pytest.fixture
def staff_b(provider_b):
    account = factories.user("bodo", organization=provider_b)
    factories.grant(account, ["courses.edit_own"], organization=provider_b)
    return account


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(
        code="schweissen",
        defaults={"label_de": "Schweißtechnik", "label_en": "Welding", "label_fr": "Soudage"},
    )[0]


def make_offer(provider, title="Schweißen für Einsteiger", runs=((30, "Holzminden"),), **fields):
    """An offer with runs ``(days from today, town)``; town None = online."""
    defaults = {
        "external_id": f"K-{Offer.objects.count() + 1}",
        "description": "Praxisnaher Lehrgang mit Übungen in der Werkstatt.",
        "format": "praesenz",
        "price": Decimal("490.00"),
        "language": "de",
    }
    offer = Offer.objects.create(provider=provider, title=title, **(defaults | fields))
    coordinates = {
        "Holzminden": (51.8282, 9.4484),
        "Vechta": (52.7263, 8.2864),
        "Hameln": (52.1039, 9.3561),
        "München": (48.1374, 11.5755),
    }
    for offset, town in runs:
        lat, lon = coordinates.get(town, (None, None))
        Run.objects.create(
            offer=offer,
            start_date=days(offset),
            end_date=days(offset + 5),
            city=town or "",
            lat=lat,
            lon=lon,
        )
    return offer


@pytest.fixture
def offers(provider_a, provider_b, topic):
    """Indexed: A's welding course, A's archived course, B's online Excel course."""
    welding = make_offer(provider_a, "Schweißen für Einsteiger")
    welding.topics.add(topic)
    archived = make_offer(provider_a, "Alter Lehrgang", status=Offer.Status.ARCHIVED)
    excel = make_offer(
        provider_b,
        "Excel für Fortgeschrittene",
        runs=((10, None),),
        format="online",
        price=Decimal("120.00"),
    )
    indexing.rebuild()
    return {"welding": welding, "archived": archived, "excel": excel}


def search_ids(**params):
    from verbund.courses.services import search

    parsed = search.parse_params({k: v if isinstance(v, list) else [v] for k, v in params.items()})
    result, items = search.search(parsed.request)
    return [item.offer.pk for item in items]
