"""Backup and restore as docs/deployment.md describes them (``pg_dump -Fc``, ``pg_restore
--clean --if-exists``); afterwards every index replica detects the restore and rebuilds."""

import os
import shutil
import subprocess

import pytest
from django.db import connection

from tests.courses.conftest import offers, provider_a, provider_b, staff_a, topic  # noqa: F401
from verbund.courses.models import Offer
from verbund.courses.services import changefeed, indexing
from verbund.courses.services import offers as offer_service

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_restore"),
        reason="pg_dump and pg_restore work on PostgreSQL (CI runs it)",
    ),
]


def _pg(program: str, *args: str) -> None:
    database = connection.settings_dict
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    command = [program, "-h", database["HOST"] or "127.0.0.1", "-p", str(database["PORT"] or 5432)]
    command += ["-U", database["USER"] or "postgres", *args]
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=120)


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.INDEX_DIR = tmp_path / "index"
    settings.COURSES_INDEX_ON_COMMIT = False
    yield settings.INDEX_DIR / "courses"
    indexing.forget_index(settings.INDEX_DIR / "courses")


def test_restore_of_an_older_dump_is_detected_and_the_replica_rebuilt(
    offers,  # noqa: F811
    staff_a,  # noqa: F811
    tmp_path,
):
    name = connection.settings_dict["NAME"]
    dump = tmp_path / "verbund.dump"
    _pg("pg_dump", "-Fc", "-f", str(dump), name)
    offer_service.save_offer(offers["welding"], {"title": "Nach der Sicherung"}, staff_a)
    assert indexing.apply_pending() == 1
    connection.close()
    _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "-d", name, str(dump))
    assert Offer.objects.get(pk=offers["welding"].pk).title == "Schweißen für Einsteiger"
    assert not indexing.check().ok  # the replica still has the newer title
    with pytest.raises(changefeed.Restored):
        changefeed.read(indexing.read_position())
    generation = indexing.current_dir()
    indexing.apply_pending()
    assert indexing.current_dir() != generation
    assert indexing.check().ok
    # and it follows new changes again
    offer_service.save_offer(offers["excel"], {"title": "Excel nach der Rücksicherung"}, staff_a)
    assert indexing.apply_pending() == 1
    assert indexing.check().ok
