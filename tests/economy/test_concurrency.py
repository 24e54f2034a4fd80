"""Ten windows submit one business-climate link for the first time at once (issue 24, part 7).

Every thread has its own connection and transactions (a transactional test). Exactly one
answer is stored; the others get the friendly 409 page, never an IntegrityError or a 500.
On PostgreSQL the wave's row lock queues them; on SQLite writers queue behind BEGIN
IMMEDIATE and the unique constraint decides.
"""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from verbund.economy.models import Answer

THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_parallel_first_submissions_store_one_answer_and_answer_409(world):
    firm = world.firms[7]
    Answer.objects.filter(wave=world.wave, firm=firm).delete()
    path = world.wave.invitations.get(firm=firm).survey_path()
    barrier = threading.Barrier(THREADS)
    statuses, errors = [], []

    def submit(number):
        try:
            barrier.wait(timeout=10)
            data = {"lage": "gut", "erwartungen": "besser", "submit": "1"}
            statuses.append(Client().post(path, data).status_code)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Answer.objects.filter(wave=world.wave, firm=firm).count() == 1
    assert len(statuses) == THREADS and set(statuses) <= {302, 409}
    assert 302 in statuses


def test_the_losing_window_gets_a_friendly_409(client, world, monkeypatch):
    """The race's loser, replayed: both windows built a new answer before either saved."""
    from verbund.economy.services import answers

    firm = world.firms[8]
    Answer.objects.filter(wave=world.wave, firm=firm).delete()
    invitation = world.wave.invitations.get(firm=firm)
    original = answers.answer_for
    calls = []

    def late_window(found):
        draft = original(found)
        if not calls:  # the other window's save lands right after this one read
            calls.append(1)
            original(found).save()
        return draft

    monkeypatch.setattr(answers, "answer_for", late_window)
    page = client.post(
        invitation.survey_path(), {"lage": "gut", "erwartungen": "besser", "submit": "1"}
    )
    assert page.status_code == 409
    assert "in einem anderen Fenster gespeichert" in page.content.decode()
    assert Answer.objects.filter(wave=world.wave, firm=firm).count() == 1
