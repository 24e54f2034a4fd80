"""The suppression rules moved to ``verbund.core.services.suppression`` (one service for the
needs and the business-climate surveys); this name stays for the needs app's callers."""

from verbund.core.services.suppression import (  # noqa: F401 - re-exported
    DOMINANCE_SHARE,
    MIN_COMPANIES,
    PRIMARY,
    SECONDARY,
    TOTAL,
    VISIBLE,
    Cell,
    RecordKeys,
    Table,
    build_table,
    composition_withheld,
    determined_cells,
    is_sensitive,
    lines,
    protected_table,
    roll_up,
    suppress,
    unkeyed,
)
