"""Rotation planning for a Verbund: pure Python (no Django), JSON batch interface.

``model`` holds the dataclasses and the JSON format of docs/apprenticeship.md, ``rules`` the
shared arithmetic (gaps, distances, costs), ``checker`` the independent plan check,
``cpsat`` the OR-Tools model, ``greedy`` the baseline, ``generate`` random instances.
"""
