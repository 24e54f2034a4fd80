"""Screenshots of every demo role's main pages at 1366 and 390 px (``make screenshots``).

Run against a served demo: ``python -m tests.browser.screenshots --base-url
http://127.0.0.1:8008 --out var/screenshots``. The pages per role are the ones a person
in that role opens first; each PNG is named ``<role>-<page>-<width>.png``.
"""

import argparse
import os
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

WIDTHS = (1366, 390)
PUBLIC_PAGES = {"anmelden": "/konto/login/", "kurse": "/kurse/", "fehlt": "/gibt-es-nicht/"}
ROLE_PAGES = {
    "admin": {"uebersicht": "/", "ui": "/ui/", "netzwerke": "/netzwerke/"},
    "koordination": {
        "uebersicht": "/",
        "netzwerke": "/netzwerke/",
        "bedarf": "/bedarf/",
        "veranstaltungen": "/veranstaltungen/",
    },
    "kammerberatung": {
        "uebersicht": "/",
        "organisationen": "/organisationen/",
        "mobilitaet": "/mobilitaet/",
        "berufe": "/verbundausbildung/berufe/",
    },
    "pruefungswesen": {
        "uebersicht": "/",
        "pruefungen": "/pruefungen/",
        "abrechnungen": "/pruefungen/entschaedigung/antraege/",
    },
    "konjunktur": {"uebersicht": "/", "konjunktur": "/konjunktur/"},
    "konjunktur-lw": {"uebersicht": "/", "konjunktur": "/konjunktur/"},
    "beratungsbuero": {"uebersicht": "/", "beratung": "/beratung/"},
    "anbieter": {"uebersicht": "/", "angebote": "/kurse/meine/", "luecken": "/bedarf/luecken/"},
    "betrieb": {
        "uebersicht": "/",
        "kurse": "/kurse/",
        "veranstaltungen": "/veranstaltungen/",
        "verbundausbildung": "/verbundausbildung/",
    },
    "veranstaltung": {"uebersicht": "/", "veranstaltungen": "/veranstaltungen/"},
    "pruefer": {"uebersicht": "/", "termine": "/pruefungen/meine-termine/"},
    "gast": {"uebersicht": "/", "tokens": "/konto/api-tokens/"},
}


def shoot(base_url: str, out: Path, axe: bool = False) -> list[Path]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.axe import axe_violations
    from verbund.core.demo.logins import DEMO_PASSWORD

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for role, pages in [("oeffentlich", PUBLIC_PAGES), *ROLE_PAGES.items()]:
                context = browser.new_context(
                    locale="de-DE",
                    base_url=base_url,
                    viewport={"width": width, "height": 900},
                    bypass_csp=axe,  # axe is injected as a script
                )
                page = context.new_page()
                if role != "oeffentlich":
                    page.goto("/konto/login/")
                    page.get_by_label("Benutzername").fill(role)
                    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
                    page.get_by_role("button", name="Anmelden").click()
                    page.wait_for_load_state()
                for name, path in pages.items():
                    page.goto(path)
                    target = out / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                    if axe:
                        for violation in axe_violations(page):
                            print(f"AXE {role} {path} {width}: {violation}")
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8008")
    parser.add_argument("--out", default="var/screenshots", type=Path)
    parser.add_argument(
        "--axe", action="store_true", help="also run axe-core and print serious violations"
    )
    arguments = parser.parse_args()
    for path in shoot(arguments.base_url, arguments.out, axe=arguments.axe):
        print(path)


if __name__ == "__main__":
    main()
