"""A participant's data: exported with their application and stay; on erasure the
application goes, the funded stay stays (programme audit) without the home town."""

from verbund.core.services import privacy
from verbund.mobility.models import Application, Stay


def test_export_and_erase_of_a_participant(world, planner):
    a = world["a"]
    person = a.application.person
    data = privacy.export_person(person)
    assert data["records"]["mobility.Application"][0]["home_city"] == "Hannover"
    assert data["records"]["mobility.Stay"][0]["grant_total"]
    assert data["records"]["mobility.LearningAgreement"][0]["host_mentor"] == "C. Martin"
    privacy.erase_person(person, planner)
    assert not Application.objects.filter(pk=a.application.pk).exists()
    stay = Stay.objects.get(pk=a.stay.pk)
    assert stay.home_city == "" and stay.home_lat is None and stay.grant_total > 0
    assert a.stay.agreements.get().host_mentor == ""
