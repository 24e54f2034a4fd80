"""The economic-policy department sees the response rate of its running wave."""

from verbund.core.services.dashboard import key_figures
from verbund.economy.services.waves import response_rate


def test_response_rate_of_the_running_wave_on_the_dashboard(world):
    figures = [f for f in key_figures(world.ilse) if f.label.startswith("Rücklauf der Konj")]
    assert len(figures) == 1
    assert figures[0].value == response_rate(world.wave)["rate"] and figures[0].unit == "%"
    # view-only and other chambers: no figure for this wave
    assert not [f for f in key_figures(world.viktor) if f.label.startswith("Rücklauf der Konj")]
    assert not [f for f in key_figures(world.fremd) if f.label.startswith("Rücklauf der Konj")]
