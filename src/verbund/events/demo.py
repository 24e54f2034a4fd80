"""Demo steps (800-899): the Ennepetal evening event with a waiting list (seed 004), the
Wirtschaftsforum Harz as a B2B forum with companies from Harz and Territoire de Belfort
(seed 001) and the joint examiner training of the two IHKs (seed 003).

Companies and places are real; every person is fictitious; dates are relative to today.
"""

import datetime
import random

from django.utils import timezone

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Topic
from verbund.events.models import Event, Registration
from verbund.events.services import agenda, matchmaking
from verbund.events.services.calendar import slot_datetime

FIRST_NAMES = (
    "Anja", "Bernd", "Claudia", "Dirk", "Elke", "Frank", "Gabi", "Holger", "Ines", "Jörg",
    "Karin", "Lars", "Monika", "Nils", "Olaf", "Petra", "Ralf", "Silke", "Thomas", "Ute",
    "Volker", "Wiebke", "Yvonne", "Zeynep",
)  # fmt: skip
LAST_NAMES = (
    "Althoff", "Brüggemann", "Dahlhaus", "Ebbinghaus", "Friedrichs", "Grewe", "Hackländer",
    "Imhoff", "Jäger", "Kemper", "Löhr", "Mittelstädt", "Niermann", "Overbeck", "Pöppelbaum",
    "Rademacher", "Schulte-Wien", "Tigges", "Uhlenbrock", "Vogelsang", "Wortmann",
)  # fmt: skip
# Companies of the six towns of In|Die RegionRuhr (public facts: name and town only).
RUHR_COMPANIES = (
    ("dormakaba Deutschland GmbH", "Ennepetal"),
    ("thyssenkrupp Bilstein GmbH", "Ennepetal"),
    ("ABC Umformtechnik GmbH & Co. KG", "Gevelsberg"),
    ("Brandt Zwieback-Schokoladen GmbH + Co. KG", "Hagen"),
    ("WILO SE", "Dortmund"),
    ("KHS GmbH", "Dortmund"),
    ("Gebr. Eickhoff Maschinenfabrik u. Eisengießerei GmbH", "Bochum"),
    ("GLS Gemeinschaftsbank eG", "Bochum"),
    ("Stadtwerke Herne AG", "Herne"),
    ("Stadtwerke Castrop-Rauxel GmbH", "Castrop-Rauxel"),
)
# The answer to "Aus welcher Branche kommen Sie?" per company (issue 25: the demo answered
# with the town).
BRANCHES = {
    "dormakaba Deutschland GmbH": "Sicherheits- und Schließtechnik",
    "thyssenkrupp Bilstein GmbH": "Fahrzeugzulieferer",
    "ABC Umformtechnik GmbH & Co. KG": "Metallverarbeitung",
    "Brandt Zwieback-Schokoladen GmbH + Co. KG": "Lebensmittelindustrie",
    "WILO SE": "Pumpen- und Anlagenbau",
    "KHS GmbH": "Maschinenbau",
    "Gebr. Eickhoff Maschinenfabrik u. Eisengießerei GmbH": "Maschinenbau",
    "GLS Gemeinschaftsbank eG": "Bank",
    "Stadtwerke Herne AG": "Energieversorgung",
    "Stadtwerke Castrop-Rauxel GmbH": "Energieversorgung",
}
# B2B participants: (key, name, town, region key, country, offers, wants, languages, reps)
FORUM_COMPANIES = (
    ("hasseroeder", "Hasseröder Brauerei GmbH", "Wernigerode", "15085", "DE",
     "Brauerei mit Logistik für den Handel; Ausbildung Brauer/Mälzer",
     "Partner für den Export nach Frankreich, Getränkefachhandel", "de, en", 1),
    ("halberstaedter", "Halberstädter Würstchen- und Konservenvertriebs GmbH", "Halberstadt",
     "15085", "DE", "Wurstkonserven und Feinkost", "Vertrieb im Lebensmittelhandel in Frankreich",
     "de", 2),
    ("hsb", "Harzer Schmalspurbahnen GmbH", "Wernigerode", "15085", "DE",
     "Dampflokwerkstatt, touristische Angebote", "Austausch zu Instandhaltung, Tourismuspartner",
     "de, fr", 1),
    ("stadtwerke-wernigerode", "Stadtwerke Wernigerode GmbH", "Wernigerode", "15085", "DE",
     "Energie- und Wärmeversorgung", "Erfahrungsaustausch Wärmenetze und Wasserstoff", "de", 1),
    ("harzsparkasse", "Harzsparkasse", "Wernigerode", "15085", "DE",
     "Finanzierung von Investitionen, Außenhandelsberatung", "Kontakte zu Belforter Betrieben",
     "de, en", 1),
    ("alstom-belfort", "Alstom Transport SA – site de Belfort", "Belfort", "90", "FR",
     "Fertigung von Lokomotiven und Triebköpfen", "Zulieferer für Blechbearbeitung und Kabelbäume",
     "fr, en, de", 2),
    ("ge-belfort", "GE Vernova – site de Belfort", "Belfort", "90", "FR",
     "Gas- und Dampfturbinen, Service", "Ausbildungspartner, Fachkräfteaustausch", "fr, en", 1),
    ("lisi-automotive", "LISI Automotive", "Grandvillars", "90", "FR",
     "Verbindungselemente und Montagekomponenten für die Automobilindustrie",
     "Kunden im Maschinen- und Fahrzeugbau in Sachsen-Anhalt", "fr, de", 1),
    ("vmc", "Viellard Migeon et Cie (VMC)", "Morvillars", "90", "FR",
     "Angelhaken und Drahtprodukte", "Vertriebspartner im Angelsportfachhandel", "fr", 1),
)  # fmt: skip
# Accepted meetings between forum companies (requester key, invitee key, session).
FORUM_MEETINGS = (
    ("hasseroeder", "alstom-belfort", "any"), ("hasseroeder", "vmc", "morning"),
    ("halberstaedter", "alstom-belfort", "any"), ("halberstaedter", "ge-belfort", "any"),
    ("halberstaedter", "lisi-automotive", "afternoon"), ("hsb", "alstom-belfort", "morning"),
    ("hsb", "ge-belfort", "any"), ("stadtwerke-wernigerode", "ge-belfort", "any"),
    ("stadtwerke-wernigerode", "lisi-automotive", "any"), ("harzsparkasse", "alstom-belfort", "any"),
    ("harzsparkasse", "lisi-automotive", "any"), ("harzsparkasse", "vmc", "any"),
    ("lisi-automotive", "hasseroeder", "any"), ("ge-belfort", "hasseroeder", "afternoon"),
    ("vmc", "halberstaedter", "any"), ("alstom-belfort", "stadtwerke-wernigerode", "any"),
)  # fmt: skip


def _person(rng) -> tuple[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local = f"{first}.{last}".lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        local = local.replace(umlaut, plain)
    return f"{first} {last}", local


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return slot_datetime(day, datetime.time(hour, minute))


@register_step(800, "events: Wirtschaft trifft Wirtschaft in Ennepetal, with a waiting list")
def load_evening_event(ctx: DemoContext) -> None:
    rng = random.Random(800)
    day = ctx.days(16)
    hesterberg = ctx.org("hesterberg")
    network = ctx.network("ruhr")
    event = Event.objects.create(
        organization=ctx.org("en-agentur"),
        network=network,
        # The network's timeline has this evening at Hesterberg under the same title (the
        # upcoming "Ausbildung im Verbund in der Praxis" at the SIHK is another one).
        activity=network.activities.filter(
            title="Wirtschaft trifft Wirtschaft: Verbundausbildung"
        ).first(),
        host=hesterberg,
        title="Wirtschaft trifft Wirtschaft: Verbundausbildung",
        description=(
            "Wie ist der Stand der Verbundausbildung? Welche Möglichkeiten und Instrumente gibt "
            "es, und warum können gemeinsame Trainingsstationen und -module ein geeignetes "
            "Instrument sein? Praktische Beispiele, wo Verbundausbildung möglich, sinnvoll und "
            "kostensparend ist – mit Referenten des Gastgebers und der SIHK Hagen. Für "
            "Unternehmen aus Bochum, Castrop-Rauxel, Dortmund, Hagen, Herne und dem "
            "Ennepe-Ruhr-Kreis. Um eine intensive Diskussion zu ermöglichen, ist die "
            "Teilnehmerzahl begrenzt."
        ),
        place="F. Hesterberg & Söhne",
        city=hesterberg.city or "Ennepetal",
        lat=hesterberg.lat,
        lon=hesterberg.lon,
        start=_at(day, 17, 30),
        end=_at(day, 20, 0),
        capacity=40,
        overbooking_margin=2,
        max_seats_per_registration=3,
        registration_deadline=_at(day - datetime.timedelta(days=2), 12),
        questions=["Aus welcher Branche kommen Sie?", "Bilden Sie bereits im Verbund aus?"],
    )
    event.topics.set(Topic.objects.filter(code__in=("fuehrung", "digitalisierung"))[:2])
    seats = 0
    used = set()
    while seats < event.seat_limit:
        name, local = _person(rng)
        if local in used:
            continue
        used.add(local)
        company, _town = rng.choice(RUHR_COMPANIES)
        wanted = min(rng.choice((1, 1, 1, 2)), event.seat_limit - seats)
        Registration.objects.create(
            event=event,
            name=name,
            email=f"{local}@demo.verbund.example",
            organization_name=company,
            seats=wanted,
            status=Registration.Status.CONFIRMED,
            answers={"Aus welcher Branche kommen Sie?": BRANCHES[company]},
        )
        seats += wanted
    for hours_ago, seats_wanted in ((30, 2), (20, 1), (6, 1)):
        name, local = _person(rng)
        if local in used:
            continue
        used.add(local)
        company, _town = rng.choice(RUHR_COMPANIES)
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=f"{local}@demo.verbund.example",
            organization_name=company,
            seats=seats_wanted,
            status=Registration.Status.WAITLISTED,
        )
        Registration.objects.filter(pk=registration.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=hours_ago)
        )
    ctx.log(f"events: {event.title} – {seats} seats confirmed, 3 waiting")


@register_step(810, "events: Wirtschaftsforum Harz (B2B, Harz and Territoire de Belfort)")
def load_forum(ctx: DemoContext) -> None:
    rng = random.Random(810)
    day = ctx.days(35)
    network = ctx.network("harz-belfort")
    event = Event.objects.create(
        organization=ctx.org("lk-harz"),
        network=network,
        # The partnership's forum activity (planned for November 2016).
        activity=network.activities.filter(
            title="Wirtschaftsforum Harz mit Unternehmern aus Belfort"
        ).first(),
        kind=Event.Kind.B2B,
        title="Wirtschaftsforum Harz mit Unternehmen aus dem Territoire de Belfort",
        description=(
            "Unternehmerinnen und Unternehmer aus dem Landkreis Harz und dem Territoire de "
            "Belfort treffen sich zu vorab vereinbarten Gesprächen à 20 Minuten. Profile "
            "ansehen, Gespräche anfragen, Anfragen annehmen – den Terminplan stellt das "
            "Organisationsteam zentral zusammen."
        ),
        place="Rathaus Halberstadt",
        city="Halberstadt",
        start=_at(day, 9),
        end=_at(day, 17),
        capacity=60,
    )
    setup = matchmaking.setup_for(event)
    setup.morning_slots, setup.afternoon_slots, setup.tables = 8, 6, 6
    setup.save()
    representatives = {}
    for key, name, town, region, country, offers, wants, languages, count in FORUM_COMPANIES:
        organization = Organization.objects.create(
            name=name,
            kind=Organization.Kind.COMPANY,
            city=town,
            country=country,
            region=ctx.region(region, "DE" if country == "DE" else "FR"),
        )
        ctx.organizations[key] = organization
        profile = event.profiles.create(
            organization=organization,
            company=name,
            city=town,
            country=country,
            offers=offers,
            wants=wants,
            languages=languages,
        )
        representatives[key] = []
        for _ in range(count):
            person, local = _person(rng)
            representatives[key].append(
                profile.representatives.create(name=person, email=f"{local}@demo.verbund.example")
            )
    for number, (requester, invitee, session) in enumerate(FORUM_MEETINGS):
        sent = matchmaking.send_request(
            representatives[requester][number % len(representatives[requester])],
            representatives[invitee][0].profile,
            message="Wir würden Sie gern beim Wirtschaftsforum kennenlernen.",
            session=session,
        )
        matchmaking.answer(
            sent, representatives[invitee][number % len(representatives[invitee])], accept=True
        )
    run = agenda.start_run(event, None, time_limit=3)
    agenda.publish(matchmaking.setup_for(event), final=False, user=None)
    ctx.log(
        f"events: {event.title} – {len(FORUM_COMPANIES)} companies, "
        f"{run.result.get('objective', {}).get('scheduled')} meetings scheduled (preliminary)"
    )


@register_step(
    820, "events: joint examiner training of IHK Braunschweig and IHK Lüneburg-Wolfsburg"
)
def load_examiner_training(ctx: DemoContext) -> None:
    from verbund.exams.models import Examiner, Training

    day = ctx.days(45)
    network = ctx.network("ihk-kooperation")
    training = Training.objects.create(
        network=network,
        chamber=ctx.org("ihk-braunschweig"),
        title="Gemeinsame Prüferschulung: Bewerten mündlicher Prüfungen",
        date=day,
    )
    event = Event.objects.create(
        organization=ctx.org("ihk-braunschweig"),
        network=network,
        activity=network.activities.filter(title="Gemeinsame Prüferschulung").first(),
        exam_training=training,
        kind=Event.Kind.EXAMINER_TRAINING,
        visibility=Event.Visibility.MEMBERS,
        title="Gemeinsame Prüferschulung: Bewerten mündlicher Prüfungen",
        description=(
            "Schulung für ehrenamtliche Prüferinnen und Prüfer beider Kammern: Bewertungsbögen, "
            "Befangenheit, Gesprächsführung in der mündlichen Ergänzungsprüfung. Die Teilnahme "
            "wird in der Prüferakte vermerkt."
        ),
        place="IHK Braunschweig",
        street="Brabandtstraße 11",
        postcode="38100",
        city="Braunschweig",
        start=_at(day, 10),
        end=_at(day, 13),
        capacity=24,
        max_seats_per_registration=1,
    )
    examiners = Examiner.objects.select_related("person").filter(person__email__gt="")[:14]
    for examiner in examiners:
        person = examiner.person
        Registration.objects.create(
            event=event,
            user=person.user,
            name=f"{person.first_name} {person.last_name}",
            email=person.email.lower(),
            organization_name=str(person.organization or ""),
            seats=1,
            status=Registration.Status.CONFIRMED,
        )
    ctx.log(f"events: {event.title} – {len(examiners)} examiners registered")
