"""Small instances built by hand for the solver tests (no Django)."""

from verbund.events.solver.model import instance_from_dict


def forum(slots=4, tables=2, meetings=(("P1", "P2"),), unavailable=None, sessions=None):
    unavailable = unavailable or {}
    sessions = sessions or {}
    people = sorted({p for pair in meetings for p in pair})
    half = (slots + 1) // 2
    return instance_from_dict(
        {
            "event": {"name": "Test", "date": "2016-11-17"},
            "slots": [
                {
                    "id": f"T{n + 1}",
                    "start": f"{9 + n // 3:02d}:{(n % 3) * 20:02d}",
                    "end": f"{9 + (n + 1) // 3:02d}:{((n + 1) % 3) * 20:02d}",
                    "session": "morning" if n < half else "afternoon",
                }
                for n in range(slots)
            ],
            "tables": [{"id": str(n + 1)} for n in range(tables)],
            "participants": [
                {"id": p, "company": f"C{p}", "unavailable": unavailable.get(p, [])} for p in people
            ],
            "meetings": [
                {
                    "id": f"M{n + 1}",
                    "participants": list(pair),
                    "session": sessions.get(f"M{n + 1}", "any"),
                    "priority": 1,
                }
                for n, pair in enumerate(meetings)
            ],
        }
    )
