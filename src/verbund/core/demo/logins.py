"""The demo logins: one per role, all fictitious people, one easy password.

This list is the single source: ``verbund demo`` prints it, the demo step creates the
accounts from it, the README mirrors it and the tests check it.
"""

from typing import NamedTuple

# Demo only: accounts are created with create_user, so password validators do not apply.
DEMO_PASSWORD = "verbund-demo"


class TeamGrant(NamedTuple):
    """A team the demo user belongs to: of an organization or of a network (demo keys)."""

    name: str
    permissions: tuple[str, ...]
    organization: str | None = None
    network: str | None = None


class DemoLogin(NamedTuple):
    username: str
    first_name: str
    last_name: str
    role: str  # shown in the logins table (German, like the UI)
    try_this: str
    organization: str | None  # demo organization key
    function: str = ""
    teams: tuple[TeamGrant, ...] = ()
    is_superuser: bool = False

    @property
    def permissions(self) -> set[str]:
        return {perm for team in self.teams for perm in team.permissions}


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "admin",
        "Ada",
        "Brinkmann",
        "Administration (Superuser)",
        "Alles sehen und bearbeiten, Django-Admin unter /admin/",
        None,
        "Plattformbetrieb",
        is_superuser=True,
    ),
    DemoLogin(
        "koordination",
        "Johanna",
        "Rieke",
        "Verbundkoordination MehrWert (PSG)",
        "MehrWert: Mitglieder einladen, Ziele, Finanzierung, Aktivitäten pflegen",
        "psg",
        "Verbundkoordination MehrWert",
        teams=(
            TeamGrant(
                "Verbundkoordination", ("networks.edit", "funding.manage"), network="mehrwert"
            ),
            TeamGrant(
                "Projektleitung",
                ("organizations.edit", "teams.manage", "funding.release"),
                organization="psg",
            ),
        ),
    ),
    DemoLogin(
        "kammerberatung",
        "Malte",
        "Behrens",
        "Ausbildungsberatung HWK Hannover",
        "Partnerschaft mit der CMA Normandie, Auslandsmobilität, Betriebe beraten",
        "hwk-hannover",
        "Ausbildungsberater",
        teams=(
            TeamGrant(
                "Ausbildungsberatung",
                (
                    "networks.edit",
                    "organizations.edit",
                    "apprenticeship.edit_plans",
                    "mobility.plan",
                ),
                organization="hwk-hannover",
            ),
        ),
    ),
    DemoLogin(
        "pruefungswesen",
        "Sevgi",
        "Arslan",
        "Prüfungswesen IHK Braunschweig",
        "Gemeinsamer Prüferpool, Prüfungstermine planen, Prüfer zuordnen, Prüferschulungen",
        "ihk-braunschweig",
        "Sachbearbeitung Prüfungswesen",
        teams=(
            TeamGrant(
                "Prüfungswesen",
                ("exams.plan", "exams.compensation"),
                organization="ihk-braunschweig",
            ),
            TeamGrant("Gemeinsamer Prüferpool", ("exams.plan",), network="ihk-kooperation"),
            # Joint examiner trainings are events of the exams department (check-in
            # records the training on the examiner's record).
            TeamGrant("Prüferschulungen", ("events.manage",), network="ihk-kooperation"),
        ),
    ),
    DemoLogin(
        "konjunktur",
        "Henrike",
        "Wolter",
        "Wirtschaftspolitik IHK Braunschweig",
        "Gemeinsame Konjunkturumfrage: Welle durchführen, Bericht veröffentlichen (PDF)",
        "ihk-braunschweig",
        "Referentin Konjunktur und Statistik",
        teams=(TeamGrant("Konjunkturumfrage", ("economy.manage",), network="ihk-kooperation"),),
    ),
    DemoLogin(
        "konjunktur-lw",
        "Jannik",
        "Behrens",
        "Wirtschaftspolitik IHK Lüneburg-Wolfsburg",
        "Gemeinsamen Konjunkturbericht für die zweite Kammer freigeben",
        "ihk-lueneburg-wolfsburg",
        "Referent Konjunktur und Statistik",
        teams=(TeamGrant("Konjunkturumfrage", ("economy.manage",), network="ihk-kooperation"),),
    ),
    DemoLogin(
        "beratungsbuero",
        "Tobias",
        "Kranich",
        "Beratung im MehrWert-Büro Holzminden",
        "Beratungsfälle erfassen, passende Angebote empfehlen",
        "lk-holzminden",
        "Weiterbildungsberater MehrWert-Büro",
        teams=(
            TeamGrant(
                "MehrWert-Büro Holzminden", ("advice.counsel",), organization="lk-holzminden"
            ),
        ),
    ),
    DemoLogin(
        "anbieter",
        "Nadine",
        "Ostermann",
        "Bildungsanbieter (VHS Hameln-Pyrmont)",
        "Eigene Kursangebote und Termine pflegen, ungedeckten Bedarf sehen, Einladung in "
        "den Verbund MehrWert beantworten",
        "vhs-hameln-pyrmont",
        "Programmbereich berufliche Bildung",
        teams=(
            TeamGrant(
                "Programmplanung",
                ("courses.edit_own", "organizations.edit"),
                organization="vhs-hameln-pyrmont",
            ),
        ),
    ),
    DemoLogin(
        "betrieb",
        "Lukas",
        "Demir",
        "Betrieb (F. Hesterberg & Söhne)",
        "Angebote suchen, Verbundpartner finden, zu Veranstaltungen anmelden",
        "hesterberg",
        "Ausbildungsleitung",
        teams=(
            TeamGrant(
                "Ausbildung",
                (
                    "organizations.edit",
                    "apprenticeship.manage_training",
                    "apprenticeship.plan_rotation",
                ),
                organization="hesterberg",
            ),
            # No network team: a company sees the contracts and rotation plans it is a
            # party to, not every plan of the Verbund (issue 24, docs/privacy.md).
        ),
    ),
    DemoLogin(
        "veranstaltung",
        "Ines",
        "Kortmann",
        "Veranstaltungsorganisation (EN-Agentur, Wirtschaftsforum Harz)",
        "Anmeldungen, Warteliste und Check-in; B2B-Terminplan berechnen und veröffentlichen",
        "en-agentur",
        "Veranstaltungen und Kooperationsbörsen",
        teams=(
            TeamGrant("Veranstaltungen", ("events.manage",), organization="en-agentur"),
            TeamGrant("Wirtschaftsforum Harz", ("events.manage",), network="harz-belfort"),
            TeamGrant("Prüferschulungen", ("events.manage",), network="ihk-kooperation"),
        ),
    ),
    DemoLogin(
        "pruefer",
        "Birgit",
        "Hallmann",
        "Prüferin im IHK-Prüferpool",
        "Verfügbarkeit angeben, Einsätze sehen, Entschädigung abrechnen",
        "otto-bennemann-schule",
        "Lehrerin, ehrenamtliche Prüferin",
    ),
    DemoLogin(
        "gast",
        "Emil",
        "Sander",
        "Öffentlicher Besucher (ohne Organisation)",
        "Kurse und Veranstaltungen suchen, öffentliche Netzwerke ansehen",
        None,
        "",
    ),
)


def format_logins_table(site_url: str = "") -> str:
    """The logins as a plain-text table for the terminal."""
    header = ("Benutzername", "Passwort", "Rolle", "Ausprobieren")
    rows = [(login.username, DEMO_PASSWORD, login.role, login.try_this) for login in DEMO_LOGINS]
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(3)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        lines.append("  ".join([*cells, row[3]]).rstrip())
    lines.insert(1, "  ".join("-" * width for width in [*widths, len(header[3])]))
    if site_url:
        lines.insert(0, f"Anmelden unter {site_url.rstrip('/')}/konto/login/\n")
    return "\n".join(lines)
