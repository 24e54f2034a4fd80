"""Examiner assignment for exam periods (issue 5): pure Python, no Django.

Public API::

    from verbund.exams.solver import model, cpsat, checker
    instance = model.load_instance("period.json")
    plan = cpsat.solve(instance, locked=[...], forbidden=[...], time_limit=60)
    plan = cpsat.resolve(instance, plan, {"S301", "S302"}, locked=[...])
    plan = cpsat.decline(instance, plan, "S301", "E17")
    violations = checker.check(instance, plan)   # [] when every hard rule holds

greedy.greedy (baseline), generate.generate (test instances) and cli (the batch
commands) complete the package.
"""
