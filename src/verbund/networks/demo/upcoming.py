"""Demo step: a few activities dated relative to today, so dashboards have "upcoming" items.

These are demo material, not seed facts; titles follow what each network plans.
"""

import datetime

from verbund.core.demo.registry import DemoContext, register_step
from verbund.networks.demo.building import Kind, activity

T = datetime.time


@register_step(40, "upcoming activities")
def load_upcoming(ctx: DemoContext) -> None:
    rows = (
        # network, kind, title, days from today, duration days, place, region, organizations
        ("normandie", Kind.MEETING, "Videokonferenz: Azubi-Austausch mit der CMA Normandie",
         12, 0, "Online", None, ("hwk-hannover", "cma-normandie")),
        ("normandie", Kind.DELEGATION, "Gegenbesuch der CMA Normandie in Hannover",
         75, 2, "Handwerkskammer Hannover, Hannover", "03241",
         ("hwk-hannover", "cma-normandie", "cma-formation-le-havre")),
        ("harz-belfort", Kind.EXCHANGE, "Jugendaustausch Harz – Belfort",
         40, 4, "Landkreis Harz", "15085", ("koba-harz", "vhs-bildungswerk", "epide")),
        ("harz-belfort", Kind.MEETING, "Partnerschaftstreffen Hochschulen Harz und Belfort",
         95, 0, "Hochschule Harz, Wernigerode", "15085",
         ("hochschule-harz", "utbm", "iut-belfort-montbeliard")),
        ("mehrwert", Kind.MEETING, "Netzwerktreffen der MehrWert-Büros",
         7, 0, "Landkreis Holzminden, Holzminden", "03255",
         ("psg", "lk-holzminden", "lk-hameln-pyrmont", "lk-schaumburg")),
        ("mehrwert", Kind.WORKSHOP, "Workshop: Digitalisierung in kleinen Betrieben",
         30, 0, "Landkreis Vechta, Vechta", "03460", ("psg", "lk-vechta", "lk-cloppenburg")),
        ("ihk-kooperation", Kind.MEETING, "Gemeinsame Präsidialsitzung",
         21, 0, "IHK Lüneburg-Wolfsburg, Lüneburg", "03355",
         ("ihk-braunschweig", "ihk-lueneburg-wolfsburg")),
        ("ihk-kooperation", Kind.WORKSHOP, "Gemeinsame Prüferschulung",
         45, 0, "IHK Braunschweig, Braunschweig", "03101",
         ("ihk-braunschweig", "ihk-lueneburg-wolfsburg")),
        ("ruhr", Kind.FORUM, "Wirtschaft trifft Wirtschaft: Ausbildung im Verbund in der Praxis",
         28, 0, "SIHK Hagen, Hagen", "05914", ("sihk-hagen", "en-agentur", "hesterberg")),
    )  # fmt: skip
    for key, kind, title, offset, duration, place, region, organizations in rows:
        activity(
            ctx,
            ctx.network(key),
            kind,
            title,
            ctx.days(offset),
            end=ctx.days(offset + duration) if duration else None,
            start_time=None if duration else T(10, 0),
            end_time=None if duration else T(13, 0),
            place=place,
            region=ctx.region(region) if region else None,
            organizations=organizations,
        )
    ctx.log(f"{len(rows)} upcoming activities")
