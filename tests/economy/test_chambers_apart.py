"""Issue 24, part 3: the chambers of a joint survey stay apart, and expired links show nothing.

``ilse`` is the economist of IHK Braunschweig (firms 0-13), ``lena`` of IHK
Lüneburg-Wolfsburg (firms 14-20). Each sees and manages only its own chamber's firms,
links, answers and extra questions; personal links appear only through the audited
"Link anzeigen" action; every change of an answer names who made it.
"""

import pytest
from django.urls import reverse

from verbund.core.models import AuditEntry
from verbund.economy.models import Answer, ExtraQuestion, Invitation

BS_FIRM, LW_FIRM = 2, 20


def _invitation(world, number) -> Invitation:
    return world.wave.invitations.get(firm=world.firms[number])


def test_invitation_list_shows_only_own_firms_and_no_links(client, world):
    client.force_login(world.lena)
    page = client.get(reverse("economy:invitation_list", args=[world.wave.pk])).content.decode()
    assert world.firms[LW_FIRM].name in page
    assert world.firms[BS_FIRM].name not in page
    for invitation in world.wave.invitations.all():
        assert invitation.token not in page


@pytest.mark.parametrize("who", [None, "outsider", "viktor", "fremd", "ilse"])
def test_link_of_the_other_chamber_is_not_shown(client, world, who):
    """Anonymous, without permission, read-only, another network, the other chamber."""
    invitation = _invitation(world, LW_FIRM)
    if who:
        client.force_login(getattr(world, who))
    response = client.post(reverse("economy:invitation_link", args=[invitation.pk]))
    assert response.status_code in (302, 403, 404)
    assert invitation.token not in response.content.decode()
    assert not AuditEntry.objects.filter(action="economy.invitation.link_shown").exists()


def test_link_of_own_firm_is_shown_once_asked_and_audited(client, world):
    invitation = _invitation(world, LW_FIRM)
    client.force_login(world.lena)
    url = reverse("economy:invitation_link", args=[invitation.pk])
    assert client.get(url).status_code == 405  # only on purpose (POST), never by a list
    response = client.post(url)
    assert response.status_code == 200 and invitation.token in response.content.decode()
    entry = AuditEntry.objects.get(action="economy.invitation.link_shown")
    assert entry.user == world.lena and entry.object_id == str(invitation.pk)


def test_extra_questions_of_the_other_chamber_can_neither_be_seen_added_nor_deleted(client, world):
    theirs = ExtraQuestion.objects.create(wave=world.wave, chamber=world.bs, text_de="Nur BS?")
    client.force_login(world.lena)
    url = reverse("economy:extra_questions", args=[world.wave.pk])
    assert "Nur BS?" not in client.get(url).content.decode()
    data = {"chamber": world.bs.pk, "kind": "text", "order": 1, "text_de": "Untergeschoben?"}
    assert client.post(url, data).status_code == 400
    assert not ExtraQuestion.objects.filter(text_de="Untergeschoben?").exists()
    delete = reverse("economy:extra_question_delete", args=[theirs.pk])
    assert client.post(delete).status_code == 404
    assert ExtraQuestion.objects.filter(pk=theirs.pk).exists()
    client.force_login(world.ilse)
    assert "Nur BS?" in client.get(url).content.decode()
    assert client.post(delete).status_code == 302
    assert not ExtraQuestion.objects.filter(pk=theirs.pk).exists()


def test_panel_shows_only_own_firms(client, world):
    client.force_login(world.lena)
    page = client.get(reverse("economy:panel", args=[world.network.pk])).content.decode()
    assert world.firms[LW_FIRM].name in page and world.firms[BS_FIRM].name not in page


def test_querysets_keep_the_chambers_apart(world):
    network = world.network
    lena_answers = Answer.objects.filter(wave=world.wave).of_my_chambers(world.lena, network)
    assert set(lena_answers.values_list("chamber", flat=True)) == {world.lw.pk}
    ilse_links = Invitation.objects.filter(wave=world.wave).of_my_chambers(world.ilse, network)
    assert set(ilse_links.values_list("firm__chamber", flat=True)) == {world.bs.pk}
    assert not Answer.objects.of_my_chambers(world.viktor, network).exists()
    assert not Answer.objects.of_my_chambers(world.fremd, network).exists()


def test_a_change_of_an_answer_records_who_made_it(client, world):
    invitation = _invitation(world, LW_FIRM)
    client.force_login(world.lena)  # staff helping the firm on the phone
    data = {"lage": "schlecht", "erwartungen": "gleich", "submit": "1"}
    assert client.post(invitation.survey_path(), data).status_code == 302
    entry = AuditEntry.objects.filter(action="economy.answer.submitted").latest("pk")
    assert entry.user == world.lena
    client.logout()  # the firm itself: no user to name
    assert client.post(invitation.survey_path(), data).status_code == 302
    assert AuditEntry.objects.filter(action="economy.answer.submitted").latest("pk").user is None


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_expired_link_says_so_and_shows_nothing(client, world, status):
    invitation = _invitation(world, LW_FIRM)
    Answer.objects.filter(wave=world.wave, firm=invitation.firm).update(
        free_text="Vertraulich: Kurzarbeit ab März"
    )
    world.wave.status = status
    world.wave.save()
    for response in (
        client.get(invitation.survey_path()),
        client.post(invitation.survey_path(), {"lage": "gut", "save": "1"}),
    ):
        page = response.content.decode()
        assert response.status_code == 410
        assert "Vertraulich" not in page and invitation.firm.name not in page
        assert ("abgelaufen" in page) == (status == "closed")
        assert ("noch nicht begonnen" in page) == (status == "draft")


def test_panel_of_the_other_chamber_can_neither_be_added_nor_imported(client, world):
    import io

    from tests import factories
    from verbund.economy.models import PanelFirm

    company = factories.organization("Fremd GmbH", region=world.braunschweig, wz_section="C")
    client.force_login(world.lena)
    url = reverse("economy:panel", args=[world.network.pk])
    added = client.post(url, {"add": "1", "chamber": world.bs.pk, "organizations": [company.pk]})
    assert added.status_code == 400
    upload = io.BytesIO(
        "Betrieb;Kammer;Landkreis;WZ;Beschäftigte\nUnter GmbH;IHK Braunschweig;Braunschweig;C;12\n".encode()
    )
    upload.name = "panel.csv"
    response = client.post(url, {"import": "1", "file": upload})
    assert response.status_code == 400 and "Keine Ihrer Kammern" in response.content.decode()
    assert not PanelFirm.objects.filter(name__in=["Fremd GmbH", "Unter GmbH"]).exists()
