"""Personal poll links are mailed, never shown to the exam department in clear text."""

from django.urls import reverse

from verbund.exams.models import Availability
from verbund.exams.services import polls


def test_poll_pages_never_show_the_personal_links(client, pool_a, planner):
    polls.open_poll(pool_a.period, planner)
    tokens = list(Availability.objects.filter(period=pool_a.period).values_list("token", flat=True))
    assert tokens
    client.force_login(planner)
    for name in ("exams:period_detail", "exams:poll_status"):
        page = client.get(reverse(name, args=[pool_a.period.pk])).content.decode()
        assert not [token for token in tokens if token in page], name


def test_poll_links_are_mailed_and_resent(client, pool_a, planner, member):
    from django.core import mail

    polls.open_poll(pool_a.period, planner)
    with_email = Availability.objects.filter(period=pool_a.period).exclude(
        examiner__person__email=""
    )
    assert len(mail.outbox) == with_email.count() > 0
    assert all(a.sent_at is not None for a in with_email)
    first = with_email.first()
    assert any(first.token in message.body for message in mail.outbox)
    mail.outbox.clear()
    url = reverse("exams:poll_resend", args=[pool_a.period.pk, first.pk])
    client.force_login(member)  # works at the chamber, no exam permission
    assert client.post(url).status_code == 403
    client.force_login(planner)
    assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1 and first.token in mail.outbox[0].body
