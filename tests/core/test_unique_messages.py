"""Issue 25: Django's default duplicate message ("… mit diesem … existiert bereits.")."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from verbund.core.forms import ModelForm
from verbund.core.models import Topic
from verbund.core.services import editing


class TopicForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Topic
        fields = ["code", "label_de", "label_en", "label_fr"]


def test_a_form_says_a_taken_value_naturally(db):
    Topic.objects.create(code="testthema-eindeutig", label_de="S", label_en="W", label_fr="S")
    form = TopicForm(
        {"code": "testthema-eindeutig", "label_de": "S", "label_en": "W", "label_fr": "S"}
    )
    assert not form.is_valid()
    assert form.errors["code"] == ["„Kürzel“ ist schon vergeben: bitte einen anderen Wert wählen."]
    assert "existiert bereits" not in str(form.errors)


def test_save_changes_says_a_duplicate_pair_naturally(db):
    from verbund.advice.models import Advisor, Office

    host = factories.organization("Landkreis")
    network = factories.network("Netz", lead=host)
    office = Office.objects.create(network=network, name="Büro", host=host)
    anna = factories.user("anna")
    Advisor.objects.create(office=office, user=anna)
    with pytest.raises(ValidationError) as caught:
        editing.save_changes(Advisor(), {"office": office, "user": anna}, None, "advice.advisor")
    text = " ".join(caught.value.messages)
    assert "Einen Eintrag mit diesen Angaben gibt es schon" in text
    assert "„Büro“ und „Benutzerkonto“" in text
    assert "existiert bereits" not in text
