"""The systemd units in deploy/systemd are valid (``systemd-analyze verify`` where it exists,
else parsed) and run what docs/deployment.md says."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
INSTALL_BIN = "/opt/verbund/venv/bin/"


def _units():
    return sorted(p for p in UNITS.iterdir() if p.suffix in (".service", ".timer"))


def test_every_unit_is_valid(tmp_path):
    # The units name the installed release's venv; check them against this one's.
    here = str(Path(sys.executable).parent) + "/"
    copies = []
    for unit in _units():
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(INSTALL_BIN, here))
        copies.append(copy)
    if shutil.which("systemd-analyze"):
        result = subprocess.run(
            ["systemd-analyze", "verify", *map(str, copies)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        problems = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            # the service user exists on the target machine, not in CI
            if line.strip() and "verbund" in line and "user" not in line.lower()
        ]
        assert result.returncode == 0 and not problems, result.stdout + result.stderr
    for copy in copies:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.read_string(copy.read_text())
        assert "Unit" in parser


def test_services_run_the_documented_commands():
    commands = {}
    for unit in _units():
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.read_string(unit.read_text())
        if unit.suffix == ".service":
            commands[unit.stem] = parser["Service"]["ExecStart"].removeprefix(INSTALL_BIN)
            assert parser["Service"]["EnvironmentFile"] == "/etc/verbund/env"
        else:
            assert (UNITS / f"{unit.stem}.service").exists()
    assert commands["verbund-follower"] == "verbund courses follow"
    assert commands["verbund-worker"] == "verbund worker"
    assert commands["verbund-housekeeping"] == "verbund housekeeping"
    assert commands["verbund-web"].startswith("gunicorn verbund.wsgi:application")
    for name in ("verbund-web", "verbund-worker", "verbund-follower"):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.read_string((UNITS / f"{name}.service").read_text())
        assert parser["Service"]["Restart"] == "always"
    documented = (UNITS.parents[1] / "docs" / "deployment.md").read_text()
    for unit in _units():
        assert unit.name in documented
