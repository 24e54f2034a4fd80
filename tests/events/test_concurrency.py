"""Many registrations at once never confirm more seats than capacity + margin.

Every thread has its own connection and its own transactions (a transactional test, no
wrapping transaction). On PostgreSQL the row lock keeps the count right; on SQLite (a
database file in the tests) writers queue behind BEGIN IMMEDIATE and must wait their turn
instead of failing with "database is locked".
"""

import threading

import pytest
from django.db import close_old_connections, connection

from tests.events.conftest import make_event
from verbund.events.models import Registration
from verbund.events.services import registration as registrations

THREADS = 24


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook(org_a):
    event = make_event(org_a, capacity=10, overbooking_margin=2)
    barrier = threading.Barrier(THREADS)
    errors = []

    def attempt(number):
        try:
            barrier.wait()
            registrations.register(
                event, name=f"Person {number}", email=f"p{number}@example.org", seats=1 + number % 2
            )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    confirmed = Registration.objects.filter(event=event, status="confirmed")
    seats = sum(confirmed.values_list("seats", flat=True))
    assert seats <= event.seat_limit
    assert seats >= event.seat_limit - 1  # filled up (a 2-seat entry may not fit the last seat)
    assert Registration.objects.filter(event=event).count() == THREADS
