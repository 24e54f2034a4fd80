"""The install and the one-command demo behave as the README says."""

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_licence_is_an_spdx_expression():
    # The table form ({text = ...}) makes setuptools >= 77 warn on every install.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert any(req.startswith("setuptools>=77") for req in project["build-system"]["requires"])


def test_make_demo_takes_host_and_port():
    dry_run = subprocess.run(
        ["make", "-n", "demo", "HOST=0.0.0.0", "PORT=8080", "STAMP=/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "verbund demo --host 0.0.0.0 --port 8080" in dry_run


def test_a_demo_on_all_interfaces_answers_to_any_host_name():
    from verbund.core.management.commands.demo import demo_allowed_hosts

    assert demo_allowed_hosts("0.0.0.0", ["127.0.0.1"]) == "*"
    assert demo_allowed_hosts("192.168.1.5", ["127.0.0.1"]) == "127.0.0.1,192.168.1.5"
    assert demo_allowed_hosts("127.0.0.1", ["127.0.0.1", "localhost"]) == "127.0.0.1,localhost"


def test_the_readme_login_table_lists_exactly_the_demo_logins():
    """The README promises only logins the demo creates, and names every one of them."""
    import re

    from verbund.core.demo.logins import DEMO_LOGINS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `([a-z-]+)` \|", readme, flags=re.MULTILINE)
    assert sorted(table) == sorted(login.username for login in DEMO_LOGINS)
