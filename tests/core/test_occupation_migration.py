"""Moving the occupation list from exams to core keeps every reference (boards, examiners)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("exams", "0001_initial")]
AFTER = [("exams", "0002_occupation_to_core")]


@pytest.mark.django_db(transaction=True)
def test_boards_and_examiners_keep_their_occupations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Occupation = old.get_model("exams", "Occupation")
    Organization = old.get_model("core", "Organization")
    Network = old.get_model("networks", "Network")
    Board = old.get_model("exams", "Board")
    mechatronics = Occupation.objects.create(code="2710", name="Mechatroniker/-in")
    Occupation.objects.create(code="2611", name="Industriemechaniker/-in")
    chamber = Organization.objects.create(name="IHK Test", kind="chamber_ihk")
    network = Network.objects.create(name="Pool", kind="chamber_cooperation")
    Board.objects.create(
        code="B-1", name="Mechatronik", chamber=chamber, network=network, occupation=mechatronics
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    board = new.get_model("exams", "Board").objects.get(code="B-1")
    CoreOccupation = new.get_model("core", "Occupation")
    assert board.occupation.code == "2710"
    assert board.occupation.name == "Mechatroniker/-in"
    assert CoreOccupation.objects.count() == 2
    # The id sequence moved past the copied rows: a new occupation gets a fresh id.
    CoreOccupation.objects.create(code="9999", name="Neuer Beruf")
    assert CoreOccupation.objects.count() == 3
