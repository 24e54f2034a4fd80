"""Plausible, fictitious names of small and medium companies for the demo data.

A trade and a family name with a legal form ("Tischlerei Brinkmann GmbH"), each name
used once: lists then read like a real region's companies, not "Betrieb 00017".
"""

import random
from itertools import product

TRADES = (
    "Tischlerei", "Metallbau", "Elektro", "Bäckerei", "Autohaus", "Pflegedienst",
    "Spedition", "Gartenbau", "Landtechnik", "Zimmerei", "Steuerbüro", "Druckerei",
    "Fleischerei", "Dachdeckerei", "Sanitär- und Heizungsbau", "Malerbetrieb",
    "Kfz-Werkstatt", "Maschinenbau", "Kunststofftechnik", "Bauunternehmung",
    "Optik", "Hörakustik", "Orthopädietechnik", "Gebäudereinigung",
)  # fmt: skip
FAMILIES = (
    "Meyer", "Brinkmann", "Wessels", "Kröger", "Hüsing", "Lampe", "Rolfes", "Grote",
    "Böckmann", "Tebbe", "Sandmann", "Voss", "Harms", "Ostendorf", "Beckmann", "Wienken",
    "Bruns", "Niemeyer", "Stolle", "Hartmann", "Pape", "Dreyer", "Kuhlmann", "Meinecke",
)  # fmt: skip
LEGAL_FORMS = ("GmbH", "GmbH & Co. KG", "e. K.", "KG", "& Sohn", "OHG")


def company_names(count: int, seed: int = 1) -> list[str]:
    """``count`` different company names, the same for the same seed."""
    combinations = list(product(TRADES, FAMILIES, LEGAL_FORMS))
    if count > len(combinations):
        raise ValueError(f"at most {len(combinations)} distinct names")
    # Never the same trade and family twice (two "Tischlerei Meyer" read like one firm).
    rng = random.Random(seed)
    rng.shuffle(combinations)
    names, seen = [], set()
    for trade, family, form in combinations:
        if (trade, family) in seen:
            continue
        seen.add((trade, family))
        names.append(f"{trade} {family} {form}")
        if len(names) == count:
            return names
    raise ValueError(f"at most {len(seen)} distinct names")
