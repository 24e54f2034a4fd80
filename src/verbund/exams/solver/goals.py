"""What the soft goals of a plan are worth: goal modes and the planner's euro weights.

A plan is always filled first (the most seats any lawful plan can fill). Beyond that the
planner chooses how the three soft goals trade against each other:

- ``continuity``, ``load``, ``travel``: that goal first, the other two after it
  (lexicographic), the plan a planner gets when only that goal matters;
- ``balanced`` (the default): the least sum in euros, with the weights the planner sets
  in their own terms: travel at the chamber's rate per km (both ways, as it is paid),
  what one extra examiner on a board is worth (briefing, consistency of grading) and what
  one sitting above an examiner's fair share is worth (a volunteer asked too often) —
  among the plans that are on no goal worse than the greedy baseline (see
  ``pareto_from_greedy``).

The solvers only see integer costs; ``flow_costs`` and ``phases`` translate the goals
for the min-cost flow (flow.py) and the CP-SAT blocks (blocks.py).
"""

from __future__ import annotations

from dataclasses import dataclass

MODES = ("balanced", "continuity", "travel", "load")
DEFAULT_MODE = "balanced"

# The three soft-goal terms the models know; each phase weighs them.
CONTINUITY, LOAD, TRAVEL = "continuity", "load", "travel"

# Lexicographic order of the single-goal modes: the named goal first, then the others in
# the order of the domain rules (continuity, load, travel).
ORDER = {
    "continuity": (CONTINUITY, LOAD, TRAVEL),
    "load": (LOAD, CONTINUITY, TRAVEL),
    "travel": (TRAVEL, CONTINUITY, LOAD),
}

# Travel enters the models in units of 100 m one way (eligibility.TRAVEL_UNITS_PER_KM).
_KM_PER_TRAVEL_UNIT = 0.1


@dataclass(frozen=True)
class Weights:
    """Euro values of the soft goals (the balanced mode's trade-off).

    Defaults: 0.30 €/km is the JVEG rate (§5(2)) most chambers pay for a private car;
    an extra examiner on a board costs about an hour of briefing and coordination
    (~30 €); a sitting above the fair share about the same, so that no goal dominates.
    """

    euro_per_km: float = 0.30
    euro_per_board_change: float = 30.0
    euro_per_sitting_above_fair: float = 30.0

    def travel_euros(self, travel_km_one_way: float) -> float:
        """What the chamber pays for ``travel_km_one_way`` (driven there and back)."""
        return 2 * travel_km_one_way * self.euro_per_km

    def plan_euros(self, objective: dict) -> float:
        """The balanced objective of a plan's ``objective`` dict, in euros."""
        return (
            self.travel_euros(objective.get("travel_km", 0))
            + objective.get("board_changes", 0) * self.euro_per_board_change
            + objective.get("load_spread", 0) * self.euro_per_sitting_above_fair
        )


@dataclass(frozen=True)
class Goals:
    mode: str = DEFAULT_MODE
    weights: Weights = Weights()

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"goal {self.mode!r} is not one of {', '.join(MODES)}")
        w = self.weights
        if min(w.euro_per_km, w.euro_per_board_change, w.euro_per_sitting_above_fair) < 0:
            raise ValueError("goal weights must not be negative")

    @property
    def pareto_from_greedy(self) -> bool:
        """Balanced plans start from the greedy plan and never worsen one of its goals.

        Measured on the planted 2,000/1,500 instance: a pure euro sum from the flow start
        ends with more board changes than greedy at any weights we tried (the flow cannot
        see the fixed charge of a board change and CP-SAT blocks cannot undo it in time).
        Starting from greedy and accepting only changes that keep every goal at or below
        its value there makes the balanced plan at least as good on each goal; the block
        moves of moves.py then gain most (cpsat.py).
        """
        return self.mode == "balanced"

    def phases(self) -> list[dict[str, int]]:
        """Integer coefficients per term for each CP-SAT phase, optimised in this order.

        A travel coefficient applies to a pair's travel units; the others to one board
        change or one sitting above fair share.
        """
        if self.mode != "balanced":
            return [{term: 1} for term in ORDER[self.mode]]
        w = self.weights
        # In cents; one travel unit is 100 m one way, i.e. 200 m paid.
        return [
            {
                TRAVEL: round(2 * _KM_PER_TRAVEL_UNIT * w.euro_per_km * 100),
                CONTINUITY: round(w.euro_per_board_change * 100),
                LOAD: round(w.euro_per_sitting_above_fair * 100),
            }
        ]

    def flow_costs(self) -> FlowCosts:
        """Costs of the phase-1 flow that approximate the goals without continuity."""
        if self.mode == "balanced":
            cents = self.phases()[0]
            return FlowCosts(cents[CONTINUITY], cents[LOAD], cents[TRAVEL])
        return _LEXICOGRAPHIC_FLOW_COSTS[self.mode]


@dataclass(frozen=True)
class FlowCosts:
    board_entry: int  # one examiner joining a board (spread by slope scaling)
    load_above_fair: int  # each sitting above the fair share
    travel_unit: int  # per travel unit (100 m one way) of a trip


# Lexicographic by magnitude for the single-goal modes: each step outweighs the next one's
# typical range (one trip stays below ~3,000 travel units), yet cost x nodes fits int64.
_LEXICOGRAPHIC_FLOW_COSTS = {
    "continuity": FlowCosts(board_entry=1_000_000, load_above_fair=10_000, travel_unit=1),
    "load": FlowCosts(board_entry=10_000, load_above_fair=1_000_000, travel_unit=1),
    # travel first: 100 per 100 m outweighs the board entry and load steps
    "travel": FlowCosts(board_entry=50, load_above_fair=20, travel_unit=100),
}
