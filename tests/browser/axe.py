"""axe-core (vendored, tests/browser/vendor) run inside a Playwright page."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """The serious and critical violations on the current page (WCAG 2.1 A/AA rules).

    The page's context must be created with ``bypass_csp=True``: our Content-Security-
    Policy rightly refuses the injected script otherwise.
    """
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        })"""
    )
    assert result["passes"], "axe ran no rule: was the page empty?"
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
