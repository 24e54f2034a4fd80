"""Dashboard aggregation and full gap report at national scale, beside naive baselines.

    python -m bench.needs [--responses 30000] [--offers 1000000] [--keep DIR]

Builds a throwaway SQLite database (or uses VERBUND_DATABASE_URL, which must point to an
empty database) with N survey responses over 400 districts and M course offers with their
runs, then times, in the same run:

- dashboard: the five protected one-dimensional tables of a wave (``analysis.overview``),
  against a naive version that loads every need as an ORM object and counts in Python;
- gap report: ``gaps.gap_report`` for all horizons and target groups, against a naive
  version that queries the runs cell by cell (timed on a sample of cells and extrapolated,
  because running it for every cell takes hours; the table says so).

Prints a table; never asserts a time. Targets: dashboard <= 1 s, gap report <= 10 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import sys
import tempfile
import time

SAMPLE_CELLS = 40


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("VERBUND_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    os.environ.setdefault("VERBUND_COURSES_INDEX_ON_COMMIT", "0")
    import django

    django.setup()
    from django.conf import settings

    settings.COURSES_INDEX_ON_COMMIT = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(responses: int, offers: int, rng: random.Random, today: datetime.date):
    from django.db import transaction

    from verbund.core.models import Organization, Region, Topic
    from verbund.courses.models import Offer, Run
    from verbund.needs.models import Need, Response, Wave
    from verbund.networks.models import Network

    topics = list(Topic.objects.values_list("pk", flat=True))
    with transaction.atomic():
        districts = Region.objects.bulk_create(
            Region(
                name=f"Kreis {n}",
                kind=Region.Kind.LANDKREIS,
                code=f"99{n:03d}",
                lat=rng.uniform(47.5, 54.8),
                lon=rng.uniform(6.0, 15.0),
            )
            for n in range(400)
        )
        network = Network.objects.create(name="Bench", kind=Network.Kind.WEITERBILDUNGSVERBUND)
        network.regions.set(districts)
        wave = Wave.objects.create(network=network, title="Bench", status=Wave.Status.CLOSED)
        providers = Organization.objects.bulk_create(
            Organization(name=f"Anbieter {n}", kind=Organization.Kind.PROVIDER) for n in range(2000)
        )
    groups = [
        "beschaeftigte",
        "fuehrungskraefte",
        "auszubildende",
        "gefluechtete",
        "berufsrueckkehrende",
    ]
    formats = ["praesenz"] * 6 + ["online", "hybrid", "fernlernen"]
    batch = 20_000
    started = time.perf_counter()
    for start in range(0, offers, batch):
        with transaction.atomic():
            created = Offer.objects.bulk_create(
                Offer(
                    provider=providers[(start + n) % len(providers)],
                    external_id=f"b{start + n}",
                    title=f"Kurs {start + n}",
                    description="Bench",
                    format=rng.choice(formats),
                    max_participants=rng.choice((8, 10, 12, 15, 20, None)),
                    target_groups=[] if rng.random() < 0.4 else [rng.choice(groups)],
                )
                for n in range(min(batch, offers - start))
            )
            links, runs = [], []
            for offer in created:
                for topic in rng.sample(topics, rng.choice((1, 1, 2))):
                    links.append(Offer.topics.through(offer_id=offer.pk, topic_id=topic))
                home = rng.choice(districts)
                for _ in range(rng.choice((1, 1, 2))):
                    online = offer.format in ("online", "fernlernen")
                    runs.append(
                        Run(
                            offer=offer,
                            start_date=today + datetime.timedelta(days=rng.randint(-90, 800)),
                            lat=None if online else home.lat + rng.uniform(-0.3, 0.3),
                            lon=None if online else home.lon + rng.uniform(-0.4, 0.4),
                        )
                    )
            Offer.topics.through.objects.bulk_create(links, batch_size=5000)
            Run.objects.bulk_create(runs, batch_size=5000)
        print(
            f"\r  offers {start + len(created):>9,}  ({time.perf_counter() - started:.0f} s)",
            end="",
            file=sys.stderr,
        )
    print(file=sys.stderr)
    sizes = ["1-9", "10-49", "50-249", "250+"]
    target_groups = [
        "apprentices",
        "unskilled",
        "skilled",
        "managers",
        "older",
        "migration",
        "returners",
        "young",
    ]
    focus = rng.sample(topics, 12)  # surveys concentrate on a few topics
    with transaction.atomic():
        for start in range(0, responses, batch):
            created = Response.objects.bulk_create(
                Response(
                    wave=wave,
                    company_key=f"b{(start + n) // 2 if n % 7 == 0 else start + n}",
                    district=rng.choice(districts),
                    sector=rng.choice("CFGHIQMN"),
                    size_class=rng.choice(sizes),
                    status=Response.Status.SUBMITTED,
                )
                for n in range(min(batch, responses - start))
            )
            Need.objects.bulk_create(
                (
                    Need(
                        response=response,
                        topic_id=rng.choice(focus if rng.random() < 0.8 else topics),
                        target_group=rng.choice(target_groups),
                        employees=rng.randint(1, 12),
                        urgency=rng.choice((6, 12, 24)),
                        format=rng.choice(("in_person", "online", "blended", "")),
                        budget_per_person=rng.choice((None, 300, 500)),
                    )
                    for response in created
                    for _ in range(rng.choice((1, 2, 3)))
                ),
                batch_size=5000,
            )
    return wave


def naive_dashboard(wave):
    """Every need as an ORM object, counted in Python, then the same suppression."""
    from verbund.needs.models import Need
    from verbund.needs.services.analysis import NEED_FIELDS
    from verbund.needs.services.suppression import protected_table

    needs = list(Need.objects.filter(response__wave=wave).select_related("response"))
    for dim in NEED_FIELDS:
        rows = []
        for need in needs:
            value = {
                "district": need.response.district_id,
                "sector": need.response.sector,
                "size": need.response.size_class,
                "topic": need.topic_id,
                "target_group": need.target_group,
            }[dim]
            rows.append((need.response.company_key, (value,), need.employees, 1))
        protected_table(rows, (dim,))


def naive_gap_cells(wave, today, cells):
    """Per cell: one query for the runs of the topic in the horizon, haversine in Python."""
    from verbund.core.models import Region
    from verbund.core.services.geo import haversine_km
    from verbund.courses.models import Run
    from verbund.needs.services.matching import add_months

    end = add_months(today, 24)
    seats = 0
    for district_id, topic_id in cells:
        district = Region.objects.get(pk=district_id)
        for run in Run.objects.filter(
            offer__topics=topic_id, start_date__gte=today, start_date__lte=end
        ).select_related("offer"):
            if run.lat is None or haversine_km(district.lat, district.lon, run.lat, run.lon) <= 50:
                seats += run.seats_left or run.offer.max_participants or 12
    return seats


def timed(function, repeat=3):
    """Median wall time and the CPU time of that same run (this process)."""
    runs = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        function()
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    return sorted(runs)[len(runs) // 2]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--responses", type=int, default=30_000)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--keep", help="keep the database in this directory")
    args = parser.parse_args(argv)
    var_dir = args.keep or tempfile.mkdtemp(prefix="bench-needs-")
    os.makedirs(var_dir, exist_ok=True)
    setup_django(var_dir)
    from verbund.needs.models import Need
    from verbund.needs.services import analysis, gaps

    rng = random.Random(42)
    today = datetime.date(2026, 1, 1)
    from verbund.courses.models import Offer
    from verbund.needs.models import Wave

    wave = Wave.objects.filter(title="Bench").first()
    if wave is None:  # with --keep DIR of an earlier run, its data is reused
        print(
            f"Building {args.responses:,} responses and {args.offers:,} offers in {var_dir} …",
            file=sys.stderr,
        )
        started = time.perf_counter()
        wave = build(args.responses, args.offers, rng, today)
        print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    args.offers = Offer.objects.count()
    args.responses = wave.responses.count()

    needs = Need.objects.filter(response__wave=wave).count()
    dashboard = timed(lambda: analysis.overview(wave))
    dashboard_naive = timed(lambda: naive_dashboard(wave), repeat=1)
    report = []
    gap_time = timed(lambda: report.append(gaps.gap_report(wave, today=today)), repeat=1)
    demand_cells = sorted(
        set(Need.objects.filter(response__wave=wave).values_list("response__district", "topic"))
    )
    all_cells = len(demand_cells)
    cells = demand_cells
    sample = rng.sample(cells, min(SAMPLE_CELLS, len(cells)))
    sample_time = timed(lambda: naive_gap_cells(wave, today, sample), repeat=1)
    scale = all_cells / max(1, len(sample))
    naive_estimate = (sample_time[0] * scale, sample_time[1] * scale)

    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    print()
    print(
        f"needs: {needs:,} needs in {args.responses:,} responses; offers: {args.offers:,}; "
        f"district x topic cells with demand: {all_cells:,}; gap rows: {len(report[0]):,}"
    )
    print(f"load average (1/5/15 min) at the end: {load}; CPU = this process only")
    print()
    print(f"| {'measurement':<44} | {'wall':>10} | {'CPU':>8} | {'target':>8} |")
    print(f"|{'-' * 46}|{'-' * 12}|{'-' * 10}|{'-' * 10}|")
    lines = [
        ("dashboard: 5 protected tables (median of 3)", dashboard, "<= 1 s"),
        ("dashboard, naive (ORM objects, Python count)", dashboard_naive, ""),
        ("gap report: all horizons and target groups", gap_time, "<= 10 s"),
        (f"gap report, naive ({len(sample)} cells, extrapolated)", naive_estimate, ""),
    ]
    for label, (wall, cpu), target in lines:
        digits = 0 if wall >= 100 else 2
        print(f"| {label:<44} | {wall:>8.{digits}f} s | {cpu:>6.{digits}f} s | {target:>8} |")
    if not args.keep:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
