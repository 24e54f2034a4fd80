"""The checks of a walk through a role's journey, at 1366 and 390 px (issue 25).

``check_page(page)`` fails on what a first-time reader found on the demo:
- a page wider than the phone at 390 px (horizontal scrolling);
- a raw code or English word in the visible text (``FORBIDDEN_WORDS``);
- a visible link (same site) that does not answer 200 (each link once per walk);
- a mass or irreversible action (``MASS_ACTIONS``) whose button does not ask first.
"""

import re
from urllib.parse import urljoin, urlparse

WIDTHS = (1366, 390)

# Words the walk found or that would be as bad: solver states, English UI words, codes.
FORBIDDEN_WORDS = (
    "Solver",
    "OPTIMAL",
    "FEASIBLE",
    "No-Show",
    "Rechenzeit (s)",
    "Land (ISO)",
    "None",
    "True",
    "False",
    "null",
    "undefined",
    "Submit",
    "Cancel",
    "Delete",
    "Upload",
    "Download",
    "Dashboard",
    "existiert bereits",
)
_WORD = {word: re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])") for word in FORBIDDEN_WORDS}

# Buttons that mail many people, cancel, publish for good or reject: they must ask first.
MASS_ACTIONS = re.compile(
    r"versenden|erinnern|stornieren|endgültig|ablehnen|abschließen|löschen|widerrufen",
    re.IGNORECASE,
)

_VISIBLE_LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => a.offsetParent !== null && a.getClientRects().length)
  .map(a => a.getAttribute('href'))"""

_UNASKED_MASS_BUTTONS = """(pattern) => {
  const re = new RegExp(pattern, 'i');
  return Array.from(document.querySelectorAll('form[method=post] button, form[method=POST] button'))
    .filter(b => b.offsetParent !== null && re.test(b.textContent)
                 && !b.dataset.confirm && !b.closest('[data-confirm]'))
    .map(b => b.textContent.trim());
}"""


def _same_site(base: str, href: str) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    if urlparse(url).netloc != urlparse(base).netloc:
        return None
    return url.split("#")[0]


def check_page(page, checked_links: set, width: int) -> list[str]:
    """Problems of the page currently open in ``page`` (empty: fine)."""
    problems = []
    where = urlparse(page.url).path
    if width <= 390:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"{where}: {scroll} px wide at {width} px")
    text = page.inner_text("body")
    for word, pattern in _WORD.items():
        if pattern.search(text):
            problems.append(f"{where}: shows {word!r}")
    for label in page.evaluate(_UNASKED_MASS_BUTTONS, MASS_ACTIONS.pattern):
        problems.append(f"{where}: {label!r} does not ask first")
    for href in page.evaluate(_VISIBLE_LINKS):
        url = _same_site(page.url, href)
        if url is None or url in checked_links or "/abmelden" in url or "/logout" in url:
            continue
        checked_links.add(url)
        status = page.request.get(url, max_redirects=5).status
        if status != 200:
            problems.append(f"{where}: link {href} answers {status}")
    return problems


def walk(browser, base_url: str, paths, login=None) -> list[str]:
    """Open each path at both widths (signed in by ``login(page)`` if given)."""
    problems: list[str] = []
    checked: set = set()
    for width in WIDTHS:
        context = browser.new_context(
            base_url=base_url, locale="de-DE", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        if login is not None:
            login(page)
        for path in paths:
            page.goto(path)
            problems += check_page(page, checked, width)
        context.close()
    return problems
