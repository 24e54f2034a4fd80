"""Placement matching for stays abroad (issue 13): pure Python, no Django.

Public API::

    from verbund.mobility.solver import model, cpsat, checker, grants
    instance = model.load_instance("instance.json")
    plan = cpsat.match(instance, time_limit=30)
    violations = checker.check(instance, plan)   # [] when every hard rule holds

greedy.greedy (baseline), generate.generate (test and benchmark instances), rates
(the shipped Erasmus+ tables) and cli (the batch commands) complete the package.
"""
