"""Events at scale: ``python -m bench.events [--part http|b2b|all] [--time-limit S]``.

(1) 500 concurrent registrations over HTTP (``POST /api/v1/events/{id}/registrations``)
against gunicorn (4 sync workers) on PostgreSQL for a 40-seat event: confirmed seats,
waitlisted, errors, p50/p95 latency -- once with the seat lock (production) and once with
the lock switched off (bench/events_unlocked_wsgi.py) as the baseline that shows why the
lock is there. Database: VERBUND_DATABASE_URL (default: a throwaway PostgreSQL database
``verbund_bench_events`` on 127.0.0.1).

(2) B2B scheduling at 200 participants / 1,000 requests and 1,000 / 6,000 (and a forum
of the published size), random and planted (built around a known schedule, so the
optimum is at most its gaps): the first-free-slot baseline beside the scheduler (CP-SAT
placement + local search), both checked by the independent checker.

Prints tables, never asserts: times depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORT = 8712
REQUESTS = 500
CLIENTS = 32
CAPACITY = 40
ROUNDS = 5
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/verbund_bench_events"
# (participants, requests, acceptance, spare tables): a forum of the published size (75
# companies, ~230 meetings, 60 % spare tables as there), realistic forums (half the
# requests accepted, as events.md reports) and the dense stress case where every request
# became a meeting.
B2B_SIZES = (
    (75, 460, 0.5, 0.6),
    (200, 1000, 0.5, 0.15),
    (1000, 6000, 0.5, 0.15),
    (200, 1000, 1.0, 0.15),
    (1000, 6000, 1.0, 0.15),
)
# Forums built around a known schedule (solver/planted.py), the published shape (75
# companies, 22 slots, 50-90 % spare tables) in three draws, then 200 and 1,000: their
# optimum is at most the known schedule's gaps, which random forums cannot tell.
PLANTED_SIZES = ((75, 1), (75, 2), (75, 3), (200, 1), (1000, 1))


def _django(database_url: str, var: Path) -> None:
    os.environ["VERBUND_DATABASE_URL"] = database_url
    os.environ["VERBUND_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    (var / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def _ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _new_event(label: str):
    import datetime

    from django.utils import timezone

    from verbund.core.models import Organization
    from verbund.events.models import Event

    organization, _created = Organization.objects.get_or_create(
        name="EN-Agentur (Benchmark)", kind=Organization.Kind.DISTRICT
    )
    start = timezone.now() + datetime.timedelta(days=30)
    return Event.objects.create(
        organization=organization,
        title=f"Wirtschaft trifft Wirtschaft (Benchmark {label})",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=CAPACITY,
        max_seats_per_registration=2,
    )


# The registering system signs in with an API token: registrations without credentials
# are limited per address and only held until a mailed link confirms them (issue 24), so
# one benchmark client would measure the rate limit, not the seat lock.
AUTH: dict[str, str] = {}


def _script_token() -> str:
    from django.contrib.auth import get_user_model

    from verbund.core.services.tokens import create_token

    user, _created = get_user_model().objects.get_or_create(username="benchmark-script")
    return create_token(user, "Benchmark")[1]


def _wait(port: int) -> None:
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/v1/events", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


async def _register(event_id: int, body: bytes) -> str:
    """One registration on a fresh connection (sync workers close after each answer)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    try:
        writer.write(
            (
                f"POST /api/v1/events/{event_id}/registrations HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Authorization: Bearer {AUTH['key']}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
            + body
        )
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    head, _, payload = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return json.loads(payload).get("status", "?") if status == 201 else f"HTTP {status}"


def _fire(event_id: int, label: str, clients: int) -> dict:
    """``clients`` closed loops in one asyncio process: the client costs little CPU and no
    GIL hand-over, so the latency measured is the server's (threads inflated the tail)."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    numbers = iter(range(REQUESTS))

    async def client():
        for number in numbers:
            body = json.dumps(
                {
                    "name": f"Person {number}",
                    "email": f"{label}-{number}@bench.example",
                    "organization": "Benchmark GmbH",
                    "seats": 1 + (number % 5 == 0),
                }
            ).encode()
            started = time.perf_counter()
            try:
                kind = await _register(event_id, body)
            except (OSError, ValueError, IndexError) as error:
                kind = type(error).__name__
            latencies.append(time.perf_counter() - started)
            statuses[kind] = statuses.get(kind, 0) + 1

    async def run():
        await asyncio.gather(*(client() for _ in range(clients)))

    started = time.perf_counter()
    asyncio.run(run())
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "statuses": statuses,
        "latencies": latencies,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "wall": wall,
    }


def service_time(requests: int = 200) -> dict:
    """One registration after the other in this process (Django test client, same
    database, database task backend): the server's own wall and CPU time per request,
    without HTTP parsing and queueing. With 4 workers and n in flight, p50 is about
    n / 4 times this on an idle machine."""
    from django.test import Client, override_settings

    event = _new_event("in-process")
    client = Client()
    walls, cpus = [], []
    tasks = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    with override_settings(TASKS=tasks, ALLOWED_HOSTS=["testserver"]):
        for number in range(requests):
            body = {"name": f"P {number}", "email": f"in-process-{number}@bench.example"}
            started, cpu = time.perf_counter(), time.process_time()
            answer = client.post(
                f"/api/v1/events/{event.pk}/registrations",
                body,
                content_type="application/json",
                secure=True,
                headers={"Authorization": f"Bearer {AUTH['key']}"},
            )
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            assert answer.status_code == 201, (answer.status_code, answer.get("Location"))
    walls.sort()
    cpus.sort()
    return {
        "wall_p50": statistics.median(walls) * 1000,
        "wall_p95": walls[int(len(walls) * 0.95) - 1] * 1000,
        "cpu_p50": statistics.median(cpus) * 1000,
        "cpu_p95": cpus[int(len(cpus) * 0.95) - 1] * 1000,
    }


def http_part(database_url: str, client_counts: list[int], rounds: int = ROUNDS) -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from verbund.events.models import Registration

    call_command("migrate", verbosity=0)
    AUTH["key"] = _script_token()
    own = service_time()
    print(
        "\n(0) 200 registrations in-process, one after the other: "
        f"wall p50 {own['wall_p50']:.0f} ms, p95 {own['wall_p95']:.0f} ms; "
        f"CPU p50 {own['cpu_p50']:.0f} ms, p95 {own['cpu_p95']:.0f} ms "
        f"(load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    print(
        f"\n(1) {rounds} rounds of {REQUESTS} registrations over HTTP, each for a new "
        f"{CAPACITY}-seat event (every 5th asks for 2 seats), gunicorn 4 sync workers, "
        "PostgreSQL. Closed loop: each client sends "
        "its next request when the answer to the last one arrived, so 'in flight' requests "
        "are outstanding at any time (4 served, the rest queue in the listen backlog). "
        "Mails go to the task queue after commit (database task backend, as in production)."
    )
    header = (
        "variant",
        "in flight",
        "rounds overbooked",
        "seats overbooked",
        "waitlisted",
        "errors",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s",
        "mails queued",
        "load",
    )
    print(" | ".join(header))
    env = dict(
        os.environ,
        VERBUND_DATABASE_URL=database_url,
        VERBUND_ALLOWED_HOSTS="127.0.0.1",
        VERBUND_HTTPS="0",
        VERBUND_DATABASE_CONN_MAX_AGE="60",
        VERBUND_TASKS_BACKEND="database",
    )
    for clients in client_counts:
        for label, module in (
            ("with lock", "verbund.wsgi"),
            ("lock removed", "bench.events_unlocked_wsgi"),
        ):
            server = subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn", f"{module}:application",
                    "--bind", f"127.0.0.1:{PORT}", "--workers", "4", "--log-level", "warning",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            latencies: list[float] = []
            statuses: dict[str, int] = {}
            over: list[int] = []
            wall = 0.0
            try:
                _wait(PORT)
                queued_before = DBTaskResult.objects.count()
                # Every round is a fresh 40-seat event: a race can only overbook while
                # seats are left, i.e. in the first few dozen requests of each round.
                for round_number in range(rounds):
                    event = _new_event(f"{label}, {clients}, {round_number}")
                    tag = f"{label.replace(' ', '-')}-{clients}-{round_number}"
                    result = _fire(event.pk, tag, clients)
                    wall += result["wall"]
                    latencies += result["latencies"]
                    for kind, count in result["statuses"].items():
                        statuses[kind] = statuses.get(kind, 0) + count
                    confirmed = Registration.objects.filter(event=event, status="confirmed")
                    seats = sum(confirmed.values_list("seats", flat=True))
                    over.append(max(seats - event.seat_limit, 0))
            finally:
                server.terminate()
                server.wait(timeout=30)
            latencies.sort()
            errors = sum(
                count for kind, count in statuses.items() if kind not in ("confirmed", "waitlisted")
            )
            row = (
                label,
                clients,
                f"{sum(1 for o in over if o)} of {rounds}",
                f"{sum(over)} (max {max(over)})",
                statuses.get("waitlisted", 0),
                errors,
                f"{statistics.median(latencies) * 1000:.0f}",
                f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f}",
                f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f}",
                f"{len(latencies) / wall:.0f}",
                DBTaskResult.objects.count() - queued_before,
                f"{os.getloadavg()[0]:.1f}",
            )
            print(" | ".join(str(value) for value in row), flush=True)
            if errors:
                print(f"    errors by kind: {statuses}")


def _b2b_cases(only: str | None):
    """(label, instance, gaps of a known schedule or None) for each benchmark forum."""
    from verbund.events.solver import generate, planted

    for participants, requests, acceptance, spare in B2B_SIZES:
        label = f"{participants}/{requests}/{acceptance}"
        if only and only != label:
            continue
        instance = generate.generate(
            participants, requests, seed=1, acceptance=acceptance, spare_tables=spare
        )
        yield f"random {participants}/{requests} ({acceptance:.0%})", instance, None
    for participants, seed in PLANTED_SIZES:
        label = f"planted {participants}/{seed}"
        if only and only != label:
            continue
        instance, plan = planted.planted(participants, seed)
        yield (
            f"planted {participants} (seed {seed})",
            instance,
            planted.planted_gaps(instance, plan),
        )


def b2b_part(time_limit: float, only: str | None = None) -> None:
    from verbund.events.solver import checker, generate, greedy, scheduler

    print(f"\n(2) B2B scheduling (time limit {time_limit:.0f} s, 2 CP-SAT workers)")
    header = (
        "forum",
        "meetings",
        "max deg/slots",
        "tables",
        "method",
        "scheduled",
        "bound",
        "idle gaps",
        "gap bound",
        "known schedule",
        "max/person",
        "wall s",
        "cpu s",
        "violations",
        "load",
    )
    print(" | ".join(header))
    for label, instance, known in _b2b_cases(only):
        shape = generate.structure(instance)
        for method in ("greedy", "scheduler"):
            started, cpu = time.perf_counter(), time.process_time()
            schedule = (
                greedy.greedy(instance)
                if method == "greedy"
                else scheduler.solve(instance, time_limit=time_limit, seed=1)
            )
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            objective = schedule.objective
            row = (
                label,
                shape["meetings"],
                f"{shape['max_degree']}/{shape['slots']}",
                shape["tables"],
                method,
                objective["scheduled"],
                schedule.bound.get("scheduled", "-") if method == "scheduler" else "-",
                objective["idle_gaps"],
                schedule.bound.get("idle_gaps", "-") if method == "scheduler" else "-",
                "-" if known is None else known,
                objective["max_gaps_per_participant"],
                f"{seconds:.1f}",
                f"{cpu:.1f}",
                len(checker.check(instance, schedule)),
                f"{os.getloadavg()[0]:.1f}",
            )
            print(" | ".join(str(value) for value in row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=("http", "b2b", "all"), default="all")
    parser.add_argument("--time-limit", type=float, default=60.0, help="scheduler seconds")
    parser.add_argument("--clients", default=f"8,{CLIENTS}", help="requests in flight, e.g. 8,32")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="events per variant")
    parser.add_argument("--size", help="only this B2B case, e.g. 200/1000/0.5 or 'planted 75/1'")
    args = parser.parse_args()
    if args.part in ("http", "all"):
        database_url = os.environ.get("VERBUND_DATABASE_URL", DEFAULT_DATABASE)
        if database_url == DEFAULT_DATABASE:
            _ensure_database(database_url)
        _django(database_url, Path(tempfile.mkdtemp(prefix="verbund-bench-events-")))
        http_part(database_url, [int(n) for n in args.clients.split(",")], args.rounds)
    if args.part in ("b2b", "all"):
        b2b_part(args.time_limit, args.size)


if __name__ == "__main__":
    main()
