"""Demo steps: reference data and the organizations the five seed networks name.

Organizations, addresses and places are public facts; where a street address could not
be confirmed it is left empty rather than invented. People are in ``people.py``.
"""

from typing import NamedTuple

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Region
from verbund.core.services.geo import town_coordinates
from verbund.core.services.regions import seed_regions
from verbund.core.services.topics import seed_topics

K = Organization.Kind


class OrgData(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    region: str  # demo region key: AGS, or "FR:<département>" / "FR:R<région>"
    city: str
    street: str = ""
    postcode: str = ""
    website: str = ""
    parent: str | None = None
    wz_section: str = ""
    description: str = ""


ORGANIZATIONS: tuple[OrgData, ...] = (
    # Kammerpartnerschaft Hannover - Normandie (seed 000)
    OrgData("hwk-hannover", "Handwerkskammer Hannover", "HWK Hannover", K.HWK, "03241",
            "Hannover", "Berliner Allee 17", "30175", "https://www.hwk-hannover.de"),
    OrgData("psg", "Handwerkskammer Hannover Projekt- und Servicegesellschaft mbH", "PSG",
            K.PROVIDER, "03241", "Garbsen", website="https://www.hwk-psg.de",
            parent="hwk-hannover",
            description="Projektträgerin des MehrWert Weiterbildungsverbunds."),
    OrgData("cma-normandie", "Chambre de Métiers et de l'Artisanat de Normandie",
            "CMA Normandie", K.CMA, "FR:R28", "Caen", website="https://www.cma-normandie.fr"),
    OrgData("cma-formation-le-havre", "CMA Formation – Campus Le Havre",
            "CMA Formation Le Havre", K.SCHOOL, "FR:76", "Le Havre", parent="cma-normandie",
            description="Ausbildungszentrum (CFA) der CMA Normandie in Le Havre."),
    # Partnerschaft Landkreis Harz - Territoire de Belfort (seed 001)
    OrgData("lk-harz", "Landkreis Harz", "LK Harz", K.DISTRICT, "15085", "Halberstadt",
            "Friedrich-Ebert-Straße 42", "38820", "https://www.kreis-hz.de"),
    OrgData("lk-halberstadt", "Landkreis Halberstadt", "Altlandkreis Halberstadt",
            K.DISTRICT, "15085", "Halberstadt",
            description="Altlandkreis; seit der Kreisfusion 2007 Teil des Landkreises Harz."),
    OrgData("departement-belfort", "Département du Territoire de Belfort",
            "Territoire de Belfort", K.DISTRICT, "FR:90", "Belfort",
            website="https://www.territoiredebelfort.fr"),
    OrgData("iut-belfort-montbeliard", "IUT de Belfort-Montbéliard", "IUT Belfort-Montbéliard",
            K.UNIVERSITY, "FR:90", "Belfort",
            description="Institut universitaire de technologie (Université de Franche-Comté)."),
    OrgData("utbm", "Université de technologie de Belfort-Montbéliard", "UTBM", K.UNIVERSITY,
            "FR:90", "Belfort", website="https://www.utbm.fr"),
    OrgData("esta-belfort", "École supérieure des technologies et des affaires", "ESTA Belfort",
            K.UNIVERSITY, "FR:90", "Belfort"),
    OrgData("hochschule-harz", "Hochschule Harz", "HS Harz", K.UNIVERSITY, "15085",
            "Wernigerode", "Friedrichstraße 57-59", "38855", "https://www.hs-harz.de"),
    OrgData("ihk-magdeburg", "Industrie- und Handelskammer Magdeburg", "IHK Magdeburg", K.IHK,
            "15003", "Magdeburg", "Alter Markt 8", "39104", "https://www.magdeburg.ihk.de"),
    OrgData("koba-harz", "KoBa Jobcenter Harz", "KoBa Harz", K.JOB_CENTRE, "15085",
            "Halberstadt",
            description="Kommunale Beschäftigungsagentur, Jobcenter des Landkreises Harz."),
    OrgData("vhs-bildungswerk", "VHS-Bildungswerk GmbH", "VHS-Bildungswerk", K.PROVIDER,
            "15085", ""),
    OrgData("epide", "EPIDE – Établissement pour l'insertion dans l'emploi", "EPIDE",
            K.JOB_CENTRE, "FR:90", "",
            description="Französische Partnerorganisation im Jugendaustausch mit dem Harz."),
    # MehrWert Weiterbildungsverbund im ländlichen Raum (seed 002)
    OrgData("lk-holzminden", "Landkreis Holzminden", "LK Holzminden", K.DISTRICT, "03255",
            "Holzminden", "Bahnhofstraße 26", "37603",
            description="Mit der Wirtschaftsförderung des Landkreises Holzminden."),
    OrgData("lk-hameln-pyrmont", "Landkreis Hameln-Pyrmont", "LK Hameln-Pyrmont", K.DISTRICT,
            "03252", "Hameln", "Süntelstraße 9", "31785"),
    OrgData("lk-schaumburg", "Landkreis Schaumburg", "LK Schaumburg", K.DISTRICT, "03257",
            "Stadthagen", "Jahnstraße 20", "31655"),
    OrgData("lk-nienburg", "Landkreis Nienburg/Weser", "LK Nienburg", K.DISTRICT, "03256",
            "Nienburg/Weser", postcode="31582"),
    OrgData("lk-diepholz", "Landkreis Diepholz", "LK Diepholz", K.DISTRICT, "03251",
            "Diepholz", "Niedersachsenstraße 2", "49356"),
    OrgData("lk-cloppenburg", "Landkreis Cloppenburg", "LK Cloppenburg", K.DISTRICT, "03453",
            "Cloppenburg", "Eschstraße 29", "49661"),
    OrgData("lk-vechta", "Landkreis Vechta", "LK Vechta", K.DISTRICT, "03460", "Vechta",
            "Ravensberger Straße 20", "49377"),
    OrgData("vhs-hameln-pyrmont", "Volkshochschule Hameln-Pyrmont", "VHS Hameln-Pyrmont",
            K.PROVIDER, "03252", "Hameln"),
    # Kammerkooperation IHK Braunschweig - IHK Lüneburg-Wolfsburg (seed 003)
    OrgData("ihk-braunschweig", "Industrie- und Handelskammer Braunschweig",
            "IHK Braunschweig", K.IHK, "03101", "Braunschweig", "Brabandtstraße 11", "38100",
            "https://www.braunschweig.ihk.de"),
    OrgData("ihk-lueneburg-wolfsburg", "Industrie- und Handelskammer Lüneburg-Wolfsburg",
            "IHK Lüneburg-Wolfsburg", K.IHK, "03355", "Lüneburg", "Am Sande 1", "21335"),
    OrgData("otto-bennemann-schule", "Otto-Bennemann-Schule", "BBS Otto-Bennemann-Schule",
            K.SCHOOL, "03101", "Braunschweig",
            description="Berufsbildende Schule für Wirtschaft und Verwaltung."),
    # In|Die RegionRuhr (seed 004)
    OrgData("stadt-bochum", "Stadt Bochum", "Bochum", K.MUNICIPALITY, "05911", "Bochum"),
    OrgData("stadt-castrop-rauxel", "Stadt Castrop-Rauxel", "Castrop-Rauxel", K.MUNICIPALITY,
            "05562004", "Castrop-Rauxel", "Europaplatz 1", "44575"),
    OrgData("stadt-dortmund", "Stadt Dortmund", "Dortmund", K.MUNICIPALITY, "05913",
            "Dortmund"),
    OrgData("stadt-hagen", "Stadt Hagen", "Hagen", K.MUNICIPALITY, "05914", "Hagen"),
    OrgData("stadt-herne", "Stadt Herne", "Herne", K.MUNICIPALITY, "05916", "Herne"),
    OrgData("ennepe-ruhr-kreis", "Ennepe-Ruhr-Kreis", "EN-Kreis", K.DISTRICT, "05954",
            "Schwelm"),
    OrgData("en-agentur", "Wirtschaftsförderungsagentur Ennepe-Ruhr GmbH", "EN-Agentur",
            K.DEVELOPMENT_AGENCY, "05954", "Hattingen", parent="ennepe-ruhr-kreis"),
    OrgData("sihk-hagen", "Südwestfälische Industrie- und Handelskammer zu Hagen",
            "SIHK Hagen", K.IHK, "05914", "Hagen", "Bahnhofstraße 18", "58095",
            "https://www.sihk.de"),
    OrgData("hesterberg", "F. Hesterberg & Söhne", "Hesterberg", K.COMPANY, "05954",
            "Ennepetal", wz_section="C",
            description="Produktionsunternehmen in Ennepetal; Gastgeber von "
            "„Wirtschaft trifft Wirtschaft“ zur Verbundausbildung."),
)  # fmt: skip


def _region_key(region: Region) -> str:
    if region.country == "DE":
        return region.code
    prefix = "R" if region.kind == Region.Kind.REGION_FR else ""
    return f"{region.country}:{prefix}{region.code}"


@register_step(10, "reference")
def load_reference(ctx: DemoContext) -> None:
    """Topics and regions (both idempotent; migrations and seed_reference run them too)."""
    seed_topics()
    seed_regions()
    ctx.regions.update({_region_key(region): region for region in Region.objects.all()})
    ctx.log(f"{len(ctx.regions)} regions")


@register_step(20, "organizations")
def load_organizations(ctx: DemoContext) -> None:
    for data in ORGANIZATIONS:
        region = ctx.regions[data.region]
        coordinates = town_coordinates(data.city, region.country) if data.city else None
        if coordinates is None:
            coordinates = (region.lat, region.lon)
        ctx.organizations[data.key] = Organization.objects.create(
            name=data.name,
            short_name=data.short_name,
            kind=data.kind,
            region=region,
            city=data.city,
            street=data.street,
            postcode=data.postcode,
            country=region.country,
            website=data.website,
            parent=ctx.organizations[data.parent] if data.parent else None,
            wz_section=data.wz_section,
            description=data.description,
            lat=coordinates[0],
            lon=coordinates[1],
        )
    ctx.log(f"{len(ctx.organizations)} organizations")
