"""Demo steps: contact persons and the demo logins with their teams.

Every person here is fictitious; the seeds' real people are represented by invented
colleagues in the same functions.
"""

from django.contrib.auth import get_user_model

from verbund.core.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Person, Team

# organization key, first name, last name, function
CONTACTS = (
    ("hwk-hannover", "Katrin", "Vossberg",
     "Beauftragte für internationale Angelegenheiten und Partnerschaften, EU-Projekte"),
    ("cma-normandie", "Élodie", "Marchand", "Chargée des relations internationales"),
    ("cma-formation-le-havre", "Yannick", "Lefèvre", "Responsable pédagogique"),
    ("lk-harz", "Henrik", "Adomeit", "Partnerschaften und Europaangelegenheiten"),
    ("departement-belfort", "Julien", "Perrot", "Relations internationales"),
    ("hochschule-harz", "Carola", "Wendt", "International Office"),
    ("psg", "Mareike", "Lüders", "Projektmitarbeiterin MehrWert"),
    ("lk-holzminden", "Sabine", "Kreutzfeldt", "Wirtschaftsförderung"),
    ("lk-vechta", "Hendrik", "Thöle", "Wirtschaftsförderung"),
    ("ihk-braunschweig", "Frauke", "Wiechert", "Konjunktur und Statistik"),
    ("ihk-lueneburg-wolfsburg", "Marc", "Ohlendorf", "Geschäftsbereich Berufsbildung"),
    ("en-agentur", "Dagmar", "Wessling", "Projekte Verbundausbildung"),
    ("sihk-hagen", "Frank", "Tiedtke", "Ausbildungsberatung"),
)  # fmt: skip


def _email(first_name: str, last_name: str) -> str:
    """Demo addresses on a reserved domain, never the real organizations' domains."""
    local = f"{first_name}.{last_name}".lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        local = local.replace(umlaut, plain)
    return f"{local}@demo.verbund.example"


@register_step(50, "people")
def load_people(ctx: DemoContext) -> None:
    for key, first_name, last_name, function in CONTACTS:
        ctx.people[f"{key}:{last_name}"] = Person.objects.create(
            first_name=first_name,
            last_name=last_name,
            organization=ctx.org(key),
            function=function,
            email=_email(first_name, last_name),
        )
    ctx.log(f"{len(CONTACTS)} contact persons")


@register_step(60, "demo logins and teams")
def load_logins(ctx: DemoContext) -> None:
    user_model = get_user_model()
    for login in DEMO_LOGINS:
        create = (
            user_model.objects.create_superuser
            if login.is_superuser
            else (user_model.objects.create_user)
        )
        email = _email(login.first_name, login.last_name)
        user = create(
            username=login.username,
            email=email,
            password=DEMO_PASSWORD,
            first_name=login.first_name,
            last_name=login.last_name,
        )
        ctx.users[login.username] = user
        ctx.people[login.username] = Person.objects.create(
            first_name=login.first_name,
            last_name=login.last_name,
            organization=ctx.org(login.organization) if login.organization else None,
            function=login.function,
            email=email,
            user=user,
        )
        for grant in login.teams:
            team, _created = Team.objects.get_or_create(
                name=grant.name,
                organization=ctx.org(grant.organization) if grant.organization else None,
                network=ctx.network(grant.network) if grant.network else None,
                defaults={"permissions": list(grant.permissions)},
            )
            team.members.add(user)
    ctx.log(f"{len(DEMO_LOGINS)} demo logins")
