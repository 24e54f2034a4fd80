"""IHK training occupations for generated instances (demo data).

Codes follow the four-digit IHK occupation-number scheme of the exam administration; the
list was compiled for realistic test data and must be checked against the chamber's own
catalogue before it is used for anything else. ``family`` groups occupations whose
examiners are often qualified for both; ``volume`` is a relative share of exams, roughly
following the number of new training contracts in Lower Saxony's IHK districts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Occupation:
    code: str
    name: str
    family: str
    volume: int


OCCUPATIONS: tuple[Occupation, ...] = (
    Occupation("7860", "Kaufmann/Kauffrau für Büromanagement", "office", 12),
    Occupation("6170", "Industriekaufmann/Industriekauffrau", "office", 9),
    Occupation("6890", "Kaufmann/Kauffrau im Einzelhandel", "retail", 12),
    Occupation("6870", "Verkäufer/Verkäuferin", "retail", 8),
    Occupation("6880", "Kaufmann/Kauffrau im Groß- und Außenhandelsmanagement", "retail", 6),
    Occupation("6910", "Bankkaufmann/Bankkauffrau", "finance", 4),
    Occupation("6950", "Kaufmann/Kauffrau für Versicherungen und Finanzanlagen", "finance", 2),
    Occupation(
        "7010", "Kaufmann/Kauffrau für Spedition und Logistikdienstleistung", "logistics", 4
    ),
    Occupation("1530", "Fachkraft für Lagerlogistik", "logistics", 7),
    Occupation("1540", "Fachlagerist/Fachlageristin", "logistics", 4),
    Occupation("6420", "Fachinformatiker/-in Anwendungsentwicklung", "it", 5),
    Occupation("6430", "Fachinformatiker/-in Systemintegration", "it", 5),
    Occupation("6460", "Kaufmann/Kauffrau für IT-System-Management", "it", 2),
    Occupation("1290", "Elektroniker/-in für Informations- und Systemtechnik", "it", 1),
    Occupation("2611", "Industriemechaniker/-in", "metal", 9),
    Occupation("2612", "Werkzeugmechaniker/-in", "metal", 2),
    Occupation("2613", "Zerspanungsmechaniker/-in", "metal", 4),
    Occupation("2614", "Konstruktionsmechaniker/-in", "metal", 2),
    Occupation("2615", "Maschinen- und Anlagenführer/-in", "metal", 4),
    Occupation("2710", "Mechatroniker/-in", "electro", 7),
    Occupation("2720", "Elektroniker/-in für Betriebstechnik", "electro", 5),
    Occupation("2730", "Elektroniker/-in für Automatisierungstechnik", "electro", 2),
    Occupation("2811", "Kfz-Mechatroniker/-in (Industrie)", "electro", 2),
    Occupation("2910", "Chemikant/-in", "process", 2),
    Occupation(
        "2920", "Verfahrensmechaniker/-in für Kunststoff- und Kautschuktechnik", "process", 2
    ),
    Occupation("2930", "Produktionstechnologe/Produktionstechnologin", "process", 1),
    Occupation("4510", "Koch/Köchin", "hospitality", 5),
    Occupation(
        "4520", "Fachmann/Fachfrau für Restaurants und Veranstaltungsgastronomie", "hospitality", 2
    ),
    Occupation("4530", "Hotelfachmann/Hotelfachfrau", "hospitality", 3),
    Occupation("5810", "Fachkraft für Veranstaltungstechnik", "hospitality", 1),
    Occupation("7310", "Medienkaufmann/Medienkauffrau Digital und Print", "office", 1),
    Occupation("5010", "Berufskraftfahrer/Berufskraftfahrerin", "logistics", 2),
)

BY_CODE = {o.code: o for o in OCCUPATIONS}
