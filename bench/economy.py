"""The figures of a national business-climate report and its PDF, beside a naive loop.

    python -m bench.economy [--answers 30000] [--waves 20] [--chambers 79] [--keep DIR]

Builds a throwaway SQLite database (or uses VERBUND_DATABASE_URL, which must point to an
empty database) with a panel of the 79 IHKs' firms over about 400 districts answering
``--waves`` waves of ``--answers`` answers each (the DIHK pools 24,000-28,000 a wave),
then times, in the same run:

- report figures: ``figures.report_figures`` of the last wave, i.e. the overall figures,
  the protected tables by sector, district, chamber and size, and the climate over all
  waves (what a report and its PDF show), against a naive per-cell loop that loads every
  answer as an ORM object and filters the list again for every cell and every wave;
- the time series alone (counted in SQL) against the naive per-wave loop;
- the PDF of the report (figures, charts, WeasyPrint).

Prints a table; never asserts a time. Targets: report figures < 2 s, PDF < 15 s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time

from bench.needs import setup_django, timed

WZ_CODES = ["29.32", "28.99", "25.62", "C", "C", "F", "F", "47.11", "46.69", "G", "49.41",
            "56.10", "62.01", "71.12", "M", "N", "86.21", "Q", "S", "A"]  # fmt: skip


def build(answers: int, waves: int, chambers: int, rng: random.Random):
    from django.db import transaction

    from verbund.core.models import Organization, Region
    from verbund.economy.models import Answer, PanelFirm, Wave
    from verbund.networks.models import Membership, Network

    firms_total = int(answers / 0.85)
    with transaction.atomic():
        network = Network.objects.create(name="Bench: DIHK-Konjunkturumfrage", kind="initiative")
        ihks = Organization.objects.bulk_create(
            Organization(name=f"IHK {n:02d}", short_name=f"IHK {n:02d}", kind="ihk")
            for n in range(chambers)
        )
        Membership.objects.bulk_create(
            Membership(network=network, organization=ihk, role="lead") for ihk in ihks
        )
        districts = Region.objects.bulk_create(
            Region(name=f"Kreis {n:03d}", kind=Region.Kind.LANDKREIS, code=f"{n:05d}")
            for n in range(400)
        )
        firms = PanelFirm.objects.bulk_create(
            (
                PanelFirm(
                    network=network,
                    name=f"Betrieb {n}",
                    chamber=ihks[n % chambers],
                    district=districts[(n % chambers) * 5 + rng.randrange(5)],
                    wz=rng.choice(WZ_CODES),
                    employees=rng.choice((3, 8, 20, 45, 120, 300, 700, 1500)),
                )
                for n in range(firms_total)
            ),
            batch_size=5000,
        )
        created = []
        for index in range(waves):
            year, season = 2020 + index // 3, index % 3 + 1
            created.append(
                Wave.objects.create(network=network, year=year, season=season, status="closed")
            )
        for wave in created:
            mood = rng.uniform(-0.2, 0.2)
            Answer.objects.bulk_create(
                (
                    Answer(
                        wave=wave,
                        firm=firm,
                        chamber_id=firm.chamber_id,
                        district_id=firm.district_id,
                        wz=firm.wz,
                        employees=firm.employees,
                        lage=rng.choices(
                            ("gut", "befriedigend", "schlecht"), (0.35 + mood, 0.45, 0.2 - mood)
                        )[0],
                        erwartungen=rng.choices(
                            ("besser", "gleich", "schlechter"), (0.2 + mood, 0.55, 0.25 - mood)
                        )[0],
                        exporte=rng.choice(("hoeher", "gleich", "geringer", "")),
                        investitionen=rng.choice(("hoeher", "gleich", "geringer")),
                        beschaeftigung=rng.choice(("hoeher", "gleich", "geringer")),
                        risiken=rng.sample(
                            [
                                "fachkraeftemangel",
                                "energie_rohstoffe",
                                "arbeitskosten",
                                "inlandsnachfrage",
                                "wirtschaftspolitik",
                            ],
                            3,
                        ),
                        status="submitted",
                    )  # fmt: skip
                    for firm in rng.sample(firms, answers)
                ),
                batch_size=5000,
            )
            print(f"  wave {wave} built", file=sys.stderr)
    return created[-1]


def naive_figures(wave):
    """Every cell by its own pass over all answers (ORM objects), every wave loaded again."""
    from verbund.economy import method
    from verbund.economy.models import Answer

    def load(w):
        return [
            method.FirmAnswer(
                str(a.firm_id),
                str(a.chamber_id),
                str(a.district_id),
                a.wz,
                a.employees,
                a.lage,
                a.erwartungen,
                a.exporte,
                a.investitionen,
                a.beschaeftigung,
                tuple(a.risiken),
            )  # fmt: skip
            for a in Answer.objects.filter(wave=w, status="submitted")
        ]

    answers = load(wave)
    result = {}
    for dimension in method.DIMENSIONS:
        for group in sorted({a.group(dimension) for a in answers}):
            members = [a for a in answers if a.group(dimension) == group]
            result[(dimension, group)] = method.figures_of(method.tally(members))
    return result, naive_series(wave, load)


def naive_series(wave, load):
    from verbund.economy import method
    from verbund.economy.models import Wave

    series = []
    for w in Wave.objects.filter(network=wave.network).order_by("year", "season"):
        series.append(method.figures_of(method.tally(load(w))))
    return series


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--answers", type=int, default=30_000, help="answers per wave")
    parser.add_argument("--waves", type=int, default=20)
    parser.add_argument("--chambers", type=int, default=79)
    parser.add_argument("--keep", help="keep the database in this directory")
    args = parser.parse_args(argv)
    var_dir = args.keep or tempfile.mkdtemp(prefix="bench-economy-")
    os.makedirs(var_dir, exist_ok=True)
    setup_django(var_dir)
    from verbund.economy.models import Answer, Report, Wave
    from verbund.economy.services import documents, figures, reports

    wave = (
        Wave.objects.filter(network__name__startswith="Bench").order_by("-year", "-season").first()
    )
    if wave is None:  # with --keep DIR of an earlier run, its data is reused
        print(
            f"Building {args.waves} waves of {args.answers:,} answers in {var_dir} …",
            file=sys.stderr,
        )
        started = time.perf_counter()
        wave = build(args.answers, args.waves, args.chambers, random.Random(79))
        print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    waves = list(Wave.objects.filter(network=wave.network).order_by("year", "season"))
    total = Answer.objects.filter(wave__network=wave.network).count()

    report_time = timed(lambda: figures.report_figures(wave))
    naive_time = timed(lambda: naive_figures(wave), repeat=1)
    series_time = timed(lambda: figures.series_of(waves))
    naive_series_time = timed(lambda: naive_series(wave, _loader()), repeat=1)
    report, _created = Report.objects.get_or_create(  # --keep: an earlier run made it
        wave=wave, chamber=None, defaults={"title": "Bench-Bericht"}
    )
    pdf_size = []
    pdf_time = timed(
        lambda: pdf_size.append(len(documents.pdf(reports.draft_snapshot(report)))), repeat=1
    )

    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    print()
    print(
        f"economy: {total:,} answers in {len(waves)} waves of {args.chambers} chambers "
        f"(last wave {wave.answers.count():,}); PDF {pdf_size[0] // 1024} KiB"
    )
    print(f"load average (1/5/15 min) at the end: {load}; CPU = this process only")
    print()
    print(f"| {'measurement':<56} | {'wall':>9} | {'CPU':>8} | {'target':>7} |")
    print(f"|{'-' * 58}|{'-' * 11}|{'-' * 10}|{'-' * 9}|")
    lines = [
        ("report figures: 4 protected tables + series (median 3)", report_time, "< 2 s"),
        ("report figures, naive per-cell loop (ORM objects)", naive_time, ""),
        (f"time series of {len(waves)} waves, counted in SQL (median 3)", series_time, ""),
        ("time series, naive (every answer of every wave)", naive_series_time, ""),
        ("PDF: figures, 5 charts, WeasyPrint", pdf_time, "< 15 s"),
    ]
    for label, (wall, cpu), target in lines:
        print(f"| {label:<56} | {wall:>7.2f} s | {cpu:>6.2f} s | {target:>7} |")
    if not args.keep:
        shutil.rmtree(var_dir, ignore_errors=True)


def _loader():
    from verbund.economy import method
    from verbund.economy.models import Answer

    def load(w):
        return [
            method.FirmAnswer(
                str(a.firm_id), employees=a.employees, lage=a.lage, erwartungen=a.erwartungen
            )
            for a in Answer.objects.filter(wave=w, status="submitted")
        ]

    return load


if __name__ == "__main__":
    main()
