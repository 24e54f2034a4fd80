"""B2B meeting scheduling (docs/events.md batch interface): pure Python, no Django.

    from verbund.events.solver import model, scheduler, checker
    instance = model.load_instance("forum.json")
    schedule = scheduler.solve(instance, time_limit=60)
    violations = checker.check(instance, schedule)   # [] when every hard rule holds

greedy.greedy is the first-free-slot baseline, generate.generate writes test instances,
cli holds the ``verbund events schedule|check|generate`` commands.
"""
