"""The batch commands: generate -> solve -> check, exit codes and messages."""

import io
import json

from verbund.exams.solver import cli


def run(function, *args):
    out, err = io.StringIO(), io.StringIO()
    code = function(*args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_generate_solve_check(tmp_path):
    instance, plan = str(tmp_path / "i.json"), str(tmp_path / "p.json")
    code, out, _ = run(cli.generate_main, 45, 12, instance, True, 7)
    assert (code, out) == (0, f"45 examiners, 12 sittings -> {instance}\n")
    code, out, err = run(cli.solve_main, instance, plan, 2.0)
    assert code == 0
    assert "0 unfilled seats (bound 0)" in out
    assert "[100%] done" in err
    code, out, _ = run(cli.check_main, instance, plan)
    assigned = len(json.loads((tmp_path / "p.json").read_text())["assignments"])
    assert (code, out) == (0, f"OK: {assigned} assignments, 0 unfilled seats\n")


def test_check_fails_with_one_line_per_violation(tmp_path):
    instance, plan = str(tmp_path / "i.json"), str(tmp_path / "p.json")
    run(cli.generate_main, 45, 12, instance, True, 7)
    run(cli.solve_main, instance, plan, 1.0)
    data = json.loads((tmp_path / "p.json").read_text())
    first = data["assignments"][0]
    first["group"] = "teacher" if first["group"] != "teacher" else "employer"
    (tmp_path / "p.json").write_text(json.dumps(data))
    code, out, _ = run(cli.check_main, instance, plan)
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line for line in lines)
    assert any(first["sitting"] in line and "group rule" in line for line in lines)


def test_check_reports_instance_breaking_section_40(tmp_path):
    instance, plan = tmp_path / "i.json", tmp_path / "p.json"
    run(cli.generate_main, 45, 3, str(instance), True, 7)
    data = json.loads(instance.read_text())
    data["sittings"][0]["seats"] = {"employer": 2, "employee": 1, "teacher": 1}
    instance.write_text(json.dumps(data))
    plan.write_text(json.dumps({"assignments": [], "unfilled": []}))
    code, out, _ = run(cli.check_main, str(instance), str(plan))
    assert code == 1
    assert "§40 needs as many employer as employee representatives" in out


def test_solve_refuses_an_invalid_instance(tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps({"period": {}, "examiners": [], "sittings": []}))
    code, _, err = run(cli.solve_main, str(path), str(tmp_path / "p.json"), 1.0)
    assert code == 2
    assert "period: field 'start' is missing" in err


def test_management_command(tmp_path):
    from django.core.management import call_command

    instance, plan = str(tmp_path / "i.json"), str(tmp_path / "p.json")
    out = io.StringIO()
    call_command(
        "exams",
        "generate",
        "--examiners",
        "30",
        "--sittings",
        "5",
        "--planted",
        "--out",
        instance,
        stdout=out,
    )
    call_command(
        "exams",
        "solve",
        instance,
        "--out",
        plan,
        "--time-limit",
        "1",
        stdout=out,
        stderr=io.StringIO(),
    )
    call_command("exams", "check", instance, plan, stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("OK: ")


def test_solve_takes_a_goal_mode(tmp_path):
    from django.core.management import call_command

    instance, plan = str(tmp_path / "i.json"), str(tmp_path / "p.json")
    run(cli.generate_main, 45, 12, instance, True, 7)
    out = io.StringIO()
    for goal in ("travel", "load", "continuity"):
        call_command(
            "exams",
            "solve",
            instance,
            "--out",
            plan,
            "--goal",
            goal,
            "--time-limit",
            "1",
            stdout=out,
            stderr=io.StringIO(),
        )
        assert f"({goal}): " in out.getvalue().splitlines()[-1]
        # the batch format stays exactly as exams.md defines it
        written = json.loads((tmp_path / "p.json").read_text())
        assert set(written) == {"assignments", "unfilled", "objective", "bound", "solver"}
        assert set(written["objective"]) == {
            "unfilled",
            "travel_km",
            "load_spread",
            "board_changes",
        }


def test_solve_defaults_to_balanced_and_refuses_negative_weights(tmp_path):
    instance, plan = str(tmp_path / "i.json"), str(tmp_path / "p.json")
    run(cli.generate_main, 45, 12, instance, True, 7)
    out, err = io.StringIO(), io.StringIO()
    options = {"action": "solve", "instance": instance, "out": plan, "time_limit": 1.0, "seed": 0}
    assert cli.dispatch(options, out, err) == 0
    assert "(balanced): " in out.getvalue()
    assert cli.dispatch({**options, "euro_per_km": -1.0}, out, err) == 2
    assert "must not be negative" in err.getvalue()
