"""The needs PDF jobs end with a message of the finished state ("Fertig – Bericht erstellt.")."""

from django.urls import reverse

from verbund.core.models import Job


def test_every_pdf_job_ends_with_a_finished_message(client, survey_world):
    client.force_login(survey_world.nora)
    for name in ("needs:export_pdf", "needs:gaps_pdf"):
        response = client.post(reverse(name, args=[survey_world.wave_a.pk]) + "?horizon=6")
        job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        page = client.get(response.url).content.decode()
        assert job.status == Job.Status.DONE
        assert "wird erstellt" not in page
        assert "Fertig</strong> – Bericht erstellt." in page


def test_gap_table_keeps_text_left_and_formats_numbers(client, survey_world):
    client.force_login(survey_world.nora)
    page = client.get(reverse("needs:gaps", args=[survey_world.wave_a.pk]) + "?horizon=6")
    html = page.content.decode()
    assert page.status_code == 200
    if page.context["items"]:
        assert '<th scope="row" class="text">' in html and '<td class="text">' in html
    assert " EUR" not in html


def test_gap_job_counts_per_horizon_like_the_page():
    """Issue 25: the job said "10 Lücken gefunden", the page (one horizon) showed 4."""
    from types import SimpleNamespace

    from verbund.needs.services.gap_store import finished_message

    rows = [SimpleNamespace(hidden=False, horizon=h) for h in (6, 12, 12, 24, 24, 24)]
    rows.append(SimpleNamespace(hidden=True, horizon=12))
    assert finished_message(rows) == (
        "Gefunden: 1 Lücke in 6 Monaten, 2 Lücken in 12 Monaten, 3 Lücken in 24 Monaten; "
        "1 aus Datenschutzgründen zurückgehalten."
    )


def test_a_shown_gap_row_never_names_fewer_companies_than_the_threshold():
    """Issue 25: "groups under 5 firms are hidden" above a row with "Betriebe 3" (the
    perturbed count of 5 firms)."""
    from verbund.core.services import disclosure
    from verbund.needs.services.gaps import published_companies
    from verbund.needs.services.suppression import MIN_COMPANIES

    keys = [index / 200 for index in range(200)]
    perturbed = [disclosure.perturb(MIN_COMPANIES, key, "units") for key in keys]
    assert min(perturbed) < MIN_COMPANIES  # the noise alone would go below
    assert min(published_companies(MIN_COMPANIES, key, False) for key in keys) == MIN_COMPANIES
    assert [published_companies(3, key, True) for key in keys] == [
        disclosure.perturb(3, key, "units") for key in keys
    ]
