"""``verbund demo`` serves with a worker and the search-index follower beside gunicorn."""

from unittest import mock

from verbund.core.management.commands import demo


def test_demo_starts_the_follower_with_server_and_worker(settings):
    with (
        mock.patch.object(demo, "run_together", return_value=0) as together,
        mock.patch.object(demo, "_module_available", return_value=True),
    ):
        demo.Command()._serve("127.0.0.1", 8123, 1)
    commands = [" ".join(c[2:]) for c in together.call_args.args[0]]
    assert commands[1] == "verbund worker --sole"
    assert commands[2] == "verbund courses follow"
    assert commands[0].startswith("gunicorn verbund.wsgi:application")
