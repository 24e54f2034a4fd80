import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.events.conftest import begin, make_event
from verbund.core.models import AuditEntry
from verbund.events.models import Event, Registration
from verbund.events.services import registration as registrations

S = Registration.Status


def register(event, name, seats=1, **kwargs):
    return registrations.register(
        event, name=name, email=f"{name.lower()}@example.org", seats=seats, **kwargs
    )


def test_confirms_until_full_then_waitlists(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "Anna", seats=2)
        second = register(event, "Bert")
        third = register(event, "Carla")
    assert (first.status, second.status, third.status) == (S.CONFIRMED, S.CONFIRMED, S.WAITLISTED)
    assert registrations.position(third) == 1
    free = registrations.availability(event)
    assert (free.seats_taken, free.seats_left, free.waiting_list) == (3, 0, 1)
    assert [m.to for m in mail.outbox] == [
        ["anna@example.org"],
        ["bert@example.org"],
        ["carla@example.org"],
    ]
    assert mail.outbox[0].attachments[0][0] == "veranstaltung.ics"
    assert "BEGIN:VEVENT" in str(mail.outbox[0].attachments[0][1])
    assert "Warteliste" in mail.outbox[2].subject
    assert "/veranstaltungen/anmeldung/" in mail.outbox[2].body


def test_overbooking_margin_is_honoured(org_a):
    event = make_event(org_a, capacity=2, overbooking_margin=1)
    statuses = [register(event, name).status for name in ("A", "B", "C", "D")]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


def test_group_larger_than_free_seats_waits(event):
    register(event, "Anna", seats=2)
    group = register(event, "Gruppe", seats=2)
    assert group.status == S.WAITLISTED


def test_nobody_overtakes_the_waiting_list(event):
    register(event, "Anna", seats=3)
    register(event, "Bert")
    anna = Registration.objects.get(name="Anna")
    registrations.cancel(anna)
    # Bert got the offer; a newcomer does not jump the queue even with seats free.
    assert Registration.objects.get(name="Bert").status == S.OFFERED
    assert register(event, "Dora").status == S.CONFIRMED  # 2 seats still free, nobody waits


def test_second_registration_of_same_email_is_refused(event):
    register(event, "Anna")
    with pytest.raises(registrations.AlreadyRegistered):
        registrations.register(event, name="Anna B.", email="ANNA@example.org")


def test_after_cancellation_the_same_email_may_register_again(event):
    anna = register(event, "Anna")
    registrations.cancel(anna)
    assert register(event, "Anna").status == S.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_deadline": timezone.now() - datetime.timedelta(hours=1)}, "Anmeldeschluss"),
        ({"registration_opens": timezone.now() + datetime.timedelta(days=1)}, "noch nicht"),
        (
            {
                "start": timezone.now() - datetime.timedelta(hours=1),
                "end": timezone.now() + datetime.timedelta(hours=1),
            },
            "begonnen",
        ),
    ],
)
def test_closed_registration(org_a, fields, message):
    event = make_event(org_a, **fields)
    with pytest.raises(registrations.RegistrationClosed, match=message):
        register(event, "Anna")


def test_seat_count_must_be_within_the_event_limit(event):
    with pytest.raises(registrations.RegistrationError):
        register(event, "Anna", seats=event.max_seats_per_registration + 1)
    with pytest.raises(registrations.RegistrationError):
        register(event, "Anna", seats=0)


def test_cancellation_offers_the_seat_for_48_hours(event, django_capture_on_commit_callbacks):
    anna = register(event, "Anna", seats=3)
    bert = register(event, "Bert")
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(anna)
    bert.refresh_from_db()
    assert bert.status == S.OFFERED
    hours = (bert.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    assert any("Platz ist frei" in m.subject and m.to == ["bert@example.org"] for m in mail.outbox)
    registrations.accept_offer(bert)
    bert.refresh_from_db()
    assert bert.status == S.CONFIRMED


def test_auto_confirm_mode_confirms_directly(org_a):
    event = make_event(org_a, capacity=1, waitlist_mode=Event.WaitlistMode.AUTO)
    anna = register(event, "Anna")
    bert = register(event, "Bert")
    registrations.cancel(anna)
    bert.refresh_from_db()
    assert bert.status == S.CONFIRMED


def test_expired_offer_passes_on(event):
    register(event, "Anna", seats=2)
    dora = register(event, "Dora")
    bert, carla = register(event, "Bert"), register(event, "Carla")
    registrations.cancel(dora)
    bert.refresh_from_db()
    assert bert.status == S.OFFERED
    later = timezone.now() + datetime.timedelta(hours=49)
    assert registrations.expire_offers(now=later) == 1
    bert.refresh_from_db()
    carla.refresh_from_db()
    assert bert.status == S.EXPIRED
    assert carla.status == S.OFFERED
    with pytest.raises(registrations.RegistrationError):
        registrations.accept_offer(bert)


def test_a_new_registration_lets_due_offers_lapse_first(event):
    """Between two runs of the periodic job, the next registration expires a due offer
    under the lock (and the queue moves up) before it counts the seats."""
    register(event, "Anna", seats=2)
    dora = register(event, "Dora")
    bert = register(event, "Bert")
    registrations.cancel(dora)
    Registration.objects.filter(pk=bert.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    carla = register(event, "Carla")
    bert.refresh_from_db()
    assert bert.status == S.EXPIRED
    # Nobody else waits, so the lapsed seat is free when Carla is counted.
    assert carla.status == S.CONFIRMED
    assert carla.waiting_position is None


def test_no_longer_interested_frees_the_queue(event):
    register(event, "Anna", seats=3)
    bert, carla = register(event, "Bert"), register(event, "Carla")
    registrations.cancel(bert)
    bert.refresh_from_db()
    assert bert.status == S.DECLINED
    assert registrations.position(carla) == 1


def test_several_seats_per_waiting_entry_move_up_together(event):
    anna = register(event, "Anna", seats=3)
    group = register(event, "Gruppe", seats=3)
    registrations.cancel(anna)
    group.refresh_from_db()
    assert group.status == S.OFFERED
    assert registrations.availability(event).seats_left == 0


def test_priority_orders_the_queue_and_is_audited(event, organiser_a):
    register(event, "Anna", seats=3)
    register(event, "Bert")
    carla = register(event, "Carla")
    registrations.set_priority(carla, 5, organiser_a)
    assert registrations.position(carla) == 1
    entry = AuditEntry.objects.get(action="events.registration.priority_changed")
    assert entry.changes == {"priority": [0, 5]}
    assert entry.user == organiser_a
    registrations.cancel(Registration.objects.get(name="Anna"))
    carla.refresh_from_db()
    assert carla.status == S.OFFERED


def test_priority_change_lets_a_small_entry_past_a_blocking_group(
    event, organiser_a, django_capture_on_commit_callbacks
):
    register(event, "Anna", seats=2)  # 1 of 3 seats left
    group = register(event, "Gruppe", seats=2)  # does not fit and blocks the queue
    bert = register(event, "Bert")
    assert (group.status, bert.status) == (S.WAITLISTED, S.WAITLISTED)
    registrations.set_priority(group, 3, organiser_a)  # still first, still too large
    group.refresh_from_db()
    assert group.status == S.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        moved = registrations.set_priority(bert, 5, organiser_a)
    assert moved.status == S.OFFERED and moved.offer_expires_at is not None
    group.refresh_from_db()
    assert group.status == S.WAITLISTED
    assert registrations.availability(event).seats_left == 0
    assert any(m.to == ["bert@example.org"] and "Platz ist frei" in m.subject for m in mail.outbox)
    assert AuditEntry.objects.filter(action="events.registration.promoted_offered").count() == 1


def test_attendance_and_no_show_rate(event, organiser_a):
    anna, bert = register(event, "Anna"), register(event, "Bert")
    assert registrations.no_show_rate(event) is None
    begin(event)
    registrations.set_attendance(anna, present=True, user=organiser_a)
    registrations.set_attendance(bert, present=False, user=organiser_a)
    assert registrations.no_show_rate(event) == 0.5
    registrations.set_attendance(bert, present=None, user=organiser_a)
    assert registrations.no_show_rate(event) == 0.0


def test_attendance_only_from_the_events_day(event, organiser_a):
    """Issue 25: a check-in 45 days before a training was accepted as attended."""
    anna = register(event, "Anna")
    with pytest.raises(registrations.RegistrationError, match="erst ab dem Tag"):
        registrations.set_attendance(anna, present=True, user=organiser_a)
    with pytest.raises(registrations.RegistrationError):
        registrations.set_attendance(anna, present=False, user=organiser_a)
    anna.refresh_from_db()
    assert anna.checked_in_at is None and not anna.no_show
    registrations.set_attendance(anna, present=None, user=organiser_a)  # reset: always
    begin(event)
    registrations.set_attendance(anna, present=True, user=organiser_a)
    assert anna.checked_in_at is not None


def test_expire_offers_command(event, capsys):
    from django.core.management import call_command

    register(event, "Anna", seats=2)
    dora = register(event, "Dora")
    register(event, "Bert")
    registrations.cancel(dora)
    Registration.objects.filter(status=S.OFFERED).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("events", "expire-offers")
    assert "1 waiting-list offers" in capsys.readouterr().out
    assert Registration.objects.get(name="Bert").status == S.EXPIRED
