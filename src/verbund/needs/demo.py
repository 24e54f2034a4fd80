"""Demo step: MehrWert's closed needs survey of its seven districts (seed 002).

About 400 responses: companies answering through their link and interviews with person
groups (older and younger employees, employees with a migration background), on the
seed's topics — new forms of work, digitalisation, working across generations — and a
few neighbouring ones. Needs are concentrated the way real surveys are, so the analysis
shows cells above the privacy threshold and the gap report shows real gaps.
"""

import datetime
import random

from verbund.core.demo.company_names import company_names
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Team, Topic
from verbund.needs import choices, questionnaire
from verbund.needs.models import Invitation, Need, Response, Wave
from verbund.needs.services.waves import new_token

DISTRICTS = ("03255", "03252", "03257", "03256", "03251", "03453", "03460")
# topic code -> (weight, target groups most often named, typical wish)
TOPICS = {
    "neue-arbeitsformen": (20, ("skilled", "managers"), "blended"),
    "generationen": (18, ("older", "young"), "in_house"),
    "digitalisierung": (16, ("skilled", "older"), "in_person"),
    "tabellenkalkulation": (8, ("skilled", "unskilled"), "online"),
    "it-sicherheit": (7, ("skilled", "managers"), "online"),
    "kuenstliche-intelligenz": (8, ("managers", "skilled"), "online"),
    "deutsch-zweitsprache": (10, ("migration",), "in_person"),
    "fuehrung": (6, ("managers",), "in_person"),
    "gesundheitsmanagement": (4, ("older",), "in_house"),
}
SECTORS = "CCCCFFFGGGHIQQMN"
SIZES = ("1-9", "1-9", "10-49", "10-49", "10-49", "50-249")
EMPLOYEES = {"1-9": (1, 3), "10-49": (2, 8), "50-249": (4, 20), "250+": (8, 40)}
SURVEYED = 340  # companies that answered the questionnaire
INTERVIEWED = 60  # of which also one interview with an employee
NOT_ANSWERED = 45


INTERVIEW_GROUPS = {"older": "older", "younger": "young", "migration": "migration"}


def _need(rng, response, topics, size, code=None):
    code = code or rng.choices(list(TOPICS), weights=[weight for weight, *_ in TOPICS.values()])[0]
    _weight, groups, wish = TOPICS[code]
    low, high = EMPLOYEES[size]
    interviewed = INTERVIEW_GROUPS.get(response.person_group)
    return Need(
        response=response,
        topic=topics[code],
        target_group=interviewed or rng.choice(groups),
        employees=1 if interviewed else rng.randint(low, high),
        urgency=rng.choices((6, 12, 24), weights=(5, 4, 2))[0],
        format=wish if rng.random() < 0.7 else rng.choice(choices.Format.values),
        time_of_day=rng.choice(("during", "during", "outside", "any")),
        time_budget_days=rng.choice((1, 2, 3, 5)),
        budget_per_person=rng.choice((150, 300, 500, 800, None)),
    )


def _companies(ctx: DemoContext, rng, count: int, seed: int) -> list[tuple]:
    companies = []
    for number, name in enumerate(company_names(count, seed)):
        region = ctx.region(DISTRICTS[number % len(DISTRICTS)])
        companies.append((name, region, rng.choice(SECTORS), rng.choice(SIZES)))
    return companies


@register_step(210, "needs: MehrWert survey 2025 with interviews")
def load_survey(ctx: DemoContext) -> None:
    rng = random.Random(2)
    mehrwert = ctx.network("mehrwert")
    topics = {topic.code: topic for topic in Topic.objects.filter(code__in=TOPICS)}
    # The coordination runs the surveys and the advisory offices.
    coordination = Team.objects.create(
        name="Bedarfsanalyse und Beratungsbüros",
        network=mehrwert,
        permissions=["needs.manage", "advice.manage"],
    )
    coordination.members.add(ctx.user("koordination"))
    closes = ctx.today - datetime.timedelta(days=60)
    wave = Wave.objects.create(
        network=mehrwert,
        title="Qualifizierungsbedarfe im ländlichen Raum 2025",
        intro="Welche Weiterbildung brauchen Ihre Beschäftigten in den nächsten zwei Jahren?",
        opens_on=closes - datetime.timedelta(days=56),
        closes_on=closes,
        status=Wave.Status.CLOSED,
        questions=list(questionnaire.OPTIONAL),
    )
    submitted_at = datetime.datetime.combine(closes, datetime.time(10), tzinfo=datetime.UTC)
    needs, count = [], 0
    companies = _companies(ctx, rng, SURVEYED + NOT_ANSWERED, seed=2)
    for number, (name, region, sector, size) in enumerate(companies):
        organization = None
        if number < INTERVIEWED:
            organization = Organization.objects.create(
                name=name,
                kind=Organization.Kind.COMPANY,
                region=region,
                wz_section=sector,
                size_class=size,
                city=region.name.replace("Landkreis ", ""),
                lat=region.lat,
                lon=region.lon,
            )
        invitation = Invitation.objects.create(
            wave=wave,
            organization=organization,
            company_name=name,
            district=region,
            sector=sector,
            size_class=size,
            email=f"info@betrieb-{number + 1}.example",
            token=new_token(),
            sent_at=submitted_at - datetime.timedelta(days=50),
        )
        if number >= SURVEYED:
            continue
        key = f"o{organization.pk}" if organization else f"i{invitation.pk}"
        groups = [choices.PersonGroup.OWNER]
        if organization is not None:
            groups.append(
                rng.choice(
                    (
                        choices.PersonGroup.OLDER,
                        choices.PersonGroup.YOUNGER,
                        choices.PersonGroup.MIGRATION,
                    )
                )
            )
        for group in groups:
            response = Response.objects.create(
                wave=wave,
                invitation=invitation if group == choices.PersonGroup.OWNER else None,
                organization=organization,
                company_key=key,
                person_group=group,
                kind=Response.Kind.SURVEY
                if group == choices.PersonGroup.OWNER
                else Response.Kind.INTERVIEW,
                district=region,
                sector=sector,
                size_class=size,
                status=Response.Status.SUBMITTED,
                submitted_at=submitted_at,
                funding_awareness=rng.sample(choices.Funding.values, rng.randint(0, 2)),
                obstacles=rng.sample(choices.Obstacle.values, rng.randint(1, 2)),
            )
            count += 1
            for _ in range(rng.choice((1, 2, 2, 3)) if group == choices.PersonGroup.OWNER else 1):
                needs.append(_need(rng, response, topics, size))
    Need.objects.bulk_create(needs)
    ctx.log(f"needs survey: {count} responses, {len(needs)} needs")
    running = _running_wave(ctx, rng, mehrwert, companies, topics)
    ctx.log(f"running wave: {running} of {RUNNING_INVITED} invited answered so far")
    ruhr = _ruhr_wave(ctx, random.Random(5), topics)
    ctx.log(f"In|Die RegionRuhr wave: {ruhr} answers, one of them F. Hesterberg & Söhne")


# The follow-up survey runs now: the same companies asked again, a third answered so far.
RUNNING_INVITED = 150
RUNNING_ANSWERED = 52


def _running_wave(ctx: DemoContext, rng, network, companies, topics) -> int:
    wave = Wave.objects.create(
        network=network,
        title="Qualifizierungsbedarfe 2026: Nachbefragung",
        intro=(
            "Ein Jahr nach der ersten Befragung: Was hat sich bei Ihrem Weiterbildungsbedarf "
            "geändert? Die Antwort dauert etwa zehn Minuten."
        ),
        opens_on=ctx.days(-12),
        closes_on=ctx.days(30),
        status=Wave.Status.OPEN,
        questions=list(questionnaire.OPTIONAL),
    )
    sent = datetime.datetime.combine(ctx.days(-12), datetime.time(9), tzinfo=datetime.UTC)
    needs = []
    for number, (name, region, sector, size) in enumerate(companies[:RUNNING_INVITED]):
        invitation = Invitation.objects.create(
            wave=wave,
            company_name=name,
            district=region,
            sector=sector,
            size_class=size,
            email=f"info@betrieb-{number + 1}.example",
            token=new_token(),
            sent_at=sent,
        )
        if number >= RUNNING_ANSWERED:
            continue
        response = Response.objects.create(
            wave=wave,
            invitation=invitation,
            company_key=f"i{invitation.pk}",
            person_group=choices.PersonGroup.OWNER,
            district=region,
            sector=sector,
            size_class=size,
            status=Response.Status.SUBMITTED,
            submitted_at=sent + datetime.timedelta(days=rng.randint(1, 11)),
            obstacles=rng.sample(choices.Obstacle.values, rng.randint(1, 2)),
        )
        needs += [_need(rng, response, topics, size) for _ in range(rng.choice((1, 2)))]
    Need.objects.bulk_create(needs)
    return RUNNING_ANSWERED


# In|Die RegionRuhr asked its member companies last spring (closed): among them the demo
# company F. Hesterberg & Söhne (login ``betrieb``), whose dashboard then shows the offers
# for its reported needs. Few answers over five places: the district cells stay below the
# privacy threshold, only the common topics show, so no single company's answer is visible.
RUHR_DISTRICTS = ("05911", "05913", "05914", "05916", "05954")
RUHR_TOPICS = {
    "digitalisierung": 5,
    "it-sicherheit": 4,
    "kuenstliche-intelligenz": 2,
    "fuehrung": 2,
}
RUHR_INVITED = 18
RUHR_ANSWERED = 14  # Hesterberg included


def _ruhr_wave(ctx: DemoContext, rng, topics) -> int:
    closes = ctx.days(-90)
    wave = Wave.objects.create(
        network=ctx.network("ruhr"),
        title="Weiterbildungsbedarf der Produktionsbetriebe 2026",
        intro="Welche Qualifizierung brauchen Ihre Fachkräfte für Digitalisierung und IT-Sicherheit?",
        opens_on=closes - datetime.timedelta(days=42),
        closes_on=closes,
        status=Wave.Status.CLOSED,
        questions=list(questionnaire.OPTIONAL),
    )
    submitted = datetime.datetime.combine(closes, datetime.time(11), tzinfo=datetime.UTC)
    sent = submitted - datetime.timedelta(days=40)
    hesterberg = ctx.org("hesterberg")
    rows = [(hesterberg.name, ctx.region("05954"), "C", "50-249", hesterberg)]
    for number, name in enumerate(company_names(RUHR_INVITED - 1, 5)):
        region = ctx.region(RUHR_DISTRICTS[number % len(RUHR_DISTRICTS)])
        rows.append((name, region, rng.choice("CCCFGM"), rng.choice(SIZES), None))
    needs = []
    for number, (name, region, sector, size, organization) in enumerate(rows):
        invitation = Invitation.objects.create(
            wave=wave,
            organization=organization,
            company_name=name,
            district=region,
            sector=sector,
            size_class=size,
            email=f"weiterbildung@ruhr-betrieb-{number + 1}.example",
            token=new_token(),
            sent_at=sent,
        )
        if number >= RUHR_ANSWERED:
            continue
        response = Response.objects.create(
            wave=wave,
            invitation=invitation,
            organization=organization,
            company_key=f"o{organization.pk}" if organization else f"i{invitation.pk}",
            person_group=choices.PersonGroup.OWNER,
            district=region,
            sector=sector,
            size_class=size,
            status=Response.Status.SUBMITTED,
            submitted_at=submitted - datetime.timedelta(days=rng.randint(2, 30)),
            obstacles=rng.sample(choices.Obstacle.values, rng.randint(1, 2)),
        )
        if organization is not None:
            # The demo company: CNC operators going digital, IT security for the office.
            needs += [
                Need(response=response, topic=topics["digitalisierung"], target_group="skilled",
                     employees=6, urgency=12, format="in_person", time_of_day="during",
                     time_budget_days=3, budget_per_person=500),
                Need(response=response, topic=topics["it-sicherheit"], target_group="skilled",
                     employees=4, urgency=6, format="online", time_of_day="during",
                     time_budget_days=1, budget_per_person=300),
            ]  # fmt: skip
            continue
        codes = rng.sample(
            list(RUHR_TOPICS), k=rng.choice((1, 2)), counts=list(RUHR_TOPICS.values())
        )
        needs += [_need(rng, response, topics, size, code) for code in dict.fromkeys(codes)]
    Need.objects.bulk_create(needs)
    return RUHR_ANSWERED
