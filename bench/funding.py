"""Budget page and proof of use of a network with many receipts: ``python -m bench.funding``.

Builds a throwaway SQLite database (or uses VERBUND_DATABASE_URL, which must point to an
empty database) with one network, one financing plan per year over 5 years and 20,000
receipts on 6 lines. Then, in the same process and on the same data:

- ``ours``: ``budget.figures`` (one aggregate query per plan, then the pure rules) for every
  plan, the budget page over HTTP (Django test client, a signed-in coordinator) and the
  proof-of-use PDF of the largest year;
- ``naive``: a per-receipt loop, loading every receipt as an object and feeding each to the
  rules, as a spreadsheet-style implementation would.

Both must give the same figures (checked). Prints one table, never asserts a time: times
depend on the machine and its load. Results are in docs/funding.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import tempfile
import time
from decimal import Decimal


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("VERBUND_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    os.environ.setdefault("VERBUND_COURSES_INDEX_ON_COMMIT", "0")
    os.environ.setdefault("VERBUND_HTTPS", "0")
    os.environ.setdefault("VERBUND_PLAIN_STATIC", "1")
    os.makedirs(os.path.join(var_dir, "static"), exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


LINES = (
    ("personal", "Personalausgaben", "staff", 300_000),
    ("honorare", "Honorare", "other", 70_000),
    ("sach", "Sachausgaben", "other", 60_000),
    ("oeffentlichkeit", "Öffentlichkeitsarbeit", "other", 20_000),
    ("reise", "Reisekosten", "other", 16_000),
    ("ausstattung", "Ausstattung", "other", 34_000),
)


def build(receipts: int, years: int, rng: random.Random):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from verbund.core.models import Organization, Team
    from verbund.funding.models import BudgetLine, Cofunder, FinancingPlan, Receipt
    from verbund.networks.models import Membership, Network

    with transaction.atomic():
        lead = Organization.objects.create(name="Projektträger GmbH", kind="company")
        network = Network.objects.create(name="Bench-Verbund", kind="weiterbildungsverbund")
        Membership.objects.create(network=network, organization=lead, role="lead")
        districts = [
            Organization.objects.create(name=f"Landkreis {n}", kind="district") for n in range(7)
        ]
        user = get_user_model().objects.create_user("bench", password="x")
        team = Team.objects.create(
            name="Koordination", network=network, permissions=["funding.manage"]
        )
        team.members.add(user)
        plans = []
        first = datetime.date.today().year - years + 1
        for year in range(first, first + years):
            plan = FinancingPlan.objects.create(
                network=network,
                year=year,
                funder="BMAS",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                project_end=datetime.date(first + years, 12, 31),
                financing="anteil",
                share_percent=70,
                max_grant=350_000,
            )
            lines = [
                BudgetLine.objects.create(
                    plan=plan, key=key, label=label, kind=kind, planned=planned
                )
                for key, label, kind, planned in LINES
            ]
            for district in districts:
                Cofunder.objects.create(
                    plan=plan,
                    name=district.name,
                    organization=district,
                    share_percent=Decimal("14.285714"),
                )
            per_plan = receipts // years
            Receipt.objects.bulk_create(
                [
                    Receipt(
                        plan=plan,
                        line=rng.choice(lines),
                        number=f"{year}-{n:05d}",
                        date=datetime.date(year, 1, 1)
                        + datetime.timedelta(days=rng.randrange(365)),
                        amount=Decimal(rng.randrange(500, 5_000_00)) / 100,
                        payee="Lieferant",
                    )
                    for n in range(per_plan)
                ],
                batch_size=2000,
            )
            plans.append(plan)
    return user, plans


def naive(plan, joined=False):
    """Every receipt as an object, fed one by one (the baseline); ``joined``: with its line
    fetched in the same query instead of one query per receipt."""
    from verbund.funding.models import Receipt
    from verbund.funding.services import proof_of_use
    from verbund.funding.services.proof_of_use import Cofunder, Expenditure, ProofInput

    expenditures = [
        Expenditure(line=receipt.line.key, amount=receipt.amount, date=receipt.date)
        for receipt in (
            Receipt.objects.filter(plan=plan).select_related("line")
            if joined
            else Receipt.objects.filter(plan=plan)  # one query per receipt for its line
        )
    ]
    data = ProofInput(
        financing=plan.financing,
        lines=tuple(
            proof_of_use.Line(key=line.key, label=line.label, planned=line.planned)
            for line in plan.lines.all()
        ),
        expenditures=tuple(expenditures),
        share=plan.share,
        max_grant=plan.max_grant,
        cofunders=tuple(Cofunder(c.name, c.share_percent / 100) for c in plan.cofunders.all()),
    )
    return proof_of_use.compute(data)


def timed(function, repeat=3):
    best = None
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django(tempfile.mkdtemp(prefix="verbund-bench-funding-"))
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from verbund.funding.services import budget, documents

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    user, plans = build(args.receipts, args.years, random.Random(args.seed))
    print(
        f"# {args.receipts:,} receipts over {args.years} years "
        f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}), "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(user)

    ours_seconds, ours = timed(lambda: [budget.figures(plan).result for plan in plans])
    naive_seconds, baseline = timed(lambda: [naive(plan) for plan in plans], repeat=1)
    joined_seconds, joined = timed(lambda: [naive(plan, joined=True) for plan in plans])
    same = all(
        a.eligible_total == b.eligible_total == c.eligible_total and a.grant == b.grant == c.grant
        for a, b, c in zip(ours, baseline, joined, strict=True)
    )
    page_seconds, response = timed(
        lambda: client.get(reverse("funding:plan_detail", args=[plans[-1].pk]))
    )
    proof_seconds, _ = timed(
        lambda: client.get(reverse("funding:proof_of_use", args=[plans[-1].pk]))
    )
    pdf_seconds, _ = timed(lambda: documents.proof_pdf(budget.figures(plans[-1])), repeat=1)
    rows = [
        ("figures of all 5 plans", "ours (aggregate)", ours_seconds),
        ("figures of all 5 plans", "naive (per receipt)", naive_seconds),
        ("figures of all 5 plans", "loop, lines joined", joined_seconds),
        ("budget page (HTTP, one year)", "ours", page_seconds),
        ("proof-of-use page (HTTP, one year)", "ours", proof_seconds),
        ("proof-of-use PDF (one year)", "ours", pdf_seconds),
    ]
    print(f"{'what':<36} {'method':<20} {'seconds':>8}")
    for what, method, seconds in rows:
        print(f"{what:<36} {method:<20} {seconds:>8.3f}")
    print(f"# same figures: {'yes' if same else 'NO'}; budget page status {response.status_code}")


if __name__ == "__main__":
    main()
