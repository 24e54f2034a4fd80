"""Extra questions and free texts in the report; who publishes which report.

Chamber-specific choice questions are published as counts and weighted shares under the
same anonymity rule as every table (fewer than five firms, dominance, complementary
suppression), numbers as pooled figures; free texts are read by the chambers' economists
only. Each chamber publishes its own report; the joint report needs both chambers.
"""

import json

from django.urls import reverse

from verbund.economy.models import Answer, ExtraQuestion, Report, ReportVersion
from verbund.economy.services import extra, reports, rights


def _ask(world, kind, chamber=None, options=("Ja", "Nein")):
    return ExtraQuestion.objects.create(
        wave=world.wave,
        chamber=chamber or world.bs,
        kind=kind,
        text_de=f"Frage {kind}",
        options=[{"de": label} for label in options],
    )


def _answer(world, question, values):
    """``values``: {firm number: answer}; firms 0-13 belong to IHK Braunschweig."""
    for number, value in values.items():
        answer = Answer.objects.get(wave=world.wave, firm=world.firms[number])
        answer.extra_answers = {**answer.extra_answers, str(question.pk): value}
        answer.save()


def test_single_choice_counts_shares_and_complementary_suppression(world):
    question = _ask(world, "choice", options=("Ja", "Nein", "Weiß nicht"))
    _answer(world, question, dict.fromkeys(range(9), "0") | dict.fromkeys(range(9, 14), "1"))
    (summary,) = extra.extra_figures(world.wave)
    yes, no, unknown = summary["options"]
    assert (yes["firms"], no["firms"], unknown["firms"]) == (9, 5, 0)
    # firm 5 has 1,200 employees and counts three times: 11 of 16 weights say yes
    assert (yes["share"], no["share"]) == (68.8, 31.3)  # 68.75 and 31.25, rounded half up
    _answer(world, question, {9: "0", 10: "0"})  # now 11 yes, 3 no: "no" is too small ...
    yes, no, _unknown = extra.extra_figures(world.wave)[0]["options"]
    assert no["hidden"] and no["firms"] is None
    assert yes["hidden"]  # ... and "yes" would give it back (14 answered - 11)


def test_multi_choice_options_are_cells_of_their_own(world):
    question = _ask(world, "multi", options=("Fläche", "Fachkräfte"))
    _answer(world, question, {n: ["1"] for n in range(10)} | {10: ["0", "1"]})
    (summary,) = extra.extra_figures(world.wave)
    area, staff = summary["options"]
    assert area["hidden"] and not staff["hidden"] and staff["firms"] == 11


def test_numbers_are_pooled_and_protected(world):
    question = _ask(world, "number", options=())
    _answer(world, question, dict.fromkeys(range(4), "2"))
    assert extra.extra_figures(world.wave)[0]["hidden"]  # four firms
    _answer(world, question, {4: "4", 5: "10"})
    (summary,) = extra.extra_figures(world.wave)
    # weights 1,1,1,1,1,3: (2+2+2+2+4+30)/8 = 5.25, rounded half up as every index
    assert (summary["firms"], summary["sum"], summary["mean"]) == (6, 22.0, 5.3)
    _answer(world, question, {6: "100000"})
    assert extra.extra_figures(world.wave)[0]["hidden"]  # one firm dominates the sum


def test_chamber_report_shows_only_its_own_questions(world):
    _ask(world, "choice")
    foreign = _ask(world, "choice", chamber=world.lw)
    own = extra.extra_figures(world.wave, chamber_id=world.lw.pk)
    assert [q["question"] for q in own] == [foreign.text_de]


def test_free_texts_for_economists_only_and_quotes_only_when_picked(client, world):
    Answer.objects.filter(wave=world.wave, firm=world.firms[2]).update(
        free_text="Die Energiepreise erdrücken uns."
    )
    Answer.objects.filter(wave=world.wave, firm=world.firms[20]).update(
        free_text="Wolfsburger Zulieferer leiden."
    )
    report = reports.report_for(world.wave, world.bs, world.ilse)
    client.force_login(world.ilse)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Die Energiepreise erdrücken uns." in page
    assert "Wolfsburger Zulieferer" not in page  # another chamber's firm
    client.force_login(world.viktor)  # may read results, is no chamber's economist
    assert "Energiepreise" not in client.get(report.get_absolute_url()).content.decode()
    version = reports.publish(report, world.ilse)
    assert "Energiepreise" not in json.dumps(version.snapshot)
    report.quotes = "„Die Energiepreise erdrücken uns.“"
    report.save()
    version = reports.publish(report, world.ilse)
    client.logout()
    assert (
        "Die Energiepreise erdrücken uns."
        in client.get(version.get_absolute_url()).content.decode()
    )


def test_each_chamber_edits_and_publishes_only_its_own_report(client, world):
    create = reverse("economy:report_create", args=[world.wave.pk])
    client.force_login(world.ilse)
    assert client.post(create, {"chamber": world.lw.pk}).status_code == 403
    client.force_login(world.lena)
    assert client.post(create, {"chamber": world.lw.pk}).status_code == 302
    report = Report.objects.get(chamber=world.lw)
    edit = reverse("economy:report_edit", args=[report.pk])
    publish = reverse("economy:report_publish", args=[report.pk])
    client.force_login(world.ilse)
    assert client.get(edit).status_code == 403
    assert client.post(publish).status_code == 403
    assert client.get(report.get_absolute_url()).status_code == 200  # reading is fine
    client.force_login(world.fremd)
    assert client.post(publish).status_code == 404
    client.logout()
    assert client.post(publish).status_code == 302  # to the login
    client.force_login(world.lena)
    assert client.get(edit).status_code == 200
    assert client.post(publish).status_code == 302
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_joint_report_needs_both_chambers_and_a_text_change_resets(client, world):
    report = reports.report_for(world.wave, None, world.ilse)
    publish = reverse("economy:report_publish", args=[report.pk])
    client.force_login(world.ilse)
    client.post(publish)
    assert [c.pk for c in rights.missing_releases(Report.objects.get(pk=report.pk))] == [
        world.lw.pk
    ]
    client.force_login(world.lena)
    edit = reverse("economy:report_edit", args=[report.pk])
    assert client.post(edit, {"title": report.title, "summary": "Neu."}).status_code == 302
    assert len(rights.missing_releases(Report.objects.get(pk=report.pk))) == 2
    client.post(publish)
    assert not ReportVersion.objects.exists()  # Braunschweig has not seen the new text
    client.force_login(world.ilse)
    client.post(publish)
    assert ReportVersion.objects.get(report=report).snapshot["texts"]["summary"] == "Neu."
    assert Report.objects.get(pk=report.pk).approvals == {}  # the next version starts anew
