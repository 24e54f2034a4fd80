"""Demo step: MehrWert's advisory offices, one per district, with counselling cases."""

import datetime
import random

from verbund.advice.models import Advisor, Case, CaseNeed, Contact, Office
from verbund.advice.services.cases import recommend
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Topic
from verbund.courses.models import Offer
from verbund.needs.services import offers_for

OFFICES = (  # host organization key, region code, town
    ("lk-holzminden", "03255", "Holzminden"),
    ("lk-hameln-pyrmont", "03252", "Hameln"),
    ("lk-schaumburg", "03257", "Stadthagen"),
    ("lk-nienburg", "03256", "Nienburg/Weser"),
    ("lk-diepholz", "03251", "Diepholz"),
    ("lk-cloppenburg", "03453", "Cloppenburg"),
    ("lk-vechta", "03460", "Vechta"),
)
SUBJECTS = (
    ("digitalisierung", "Digitalisierung der Auftragsabwicklung", "skilled"),
    ("generationen", "Wissensweitergabe vor dem Ruhestand", "older"),
    ("neue-arbeitsformen", "Mobiles Arbeiten im Büro einführen", "skilled"),
    ("deutsch-zweitsprache", "Berufssprachkurs für neue Mitarbeitende", "migration"),
    ("tabellenkalkulation", "Excel für die Disposition", "unskilled"),
    ("fuehrung", "Erste Führungsaufgabe für den Meister", "managers"),
)


@register_step(310, "advice: MehrWert offices, advisors and cases")
def load_advice(ctx: DemoContext) -> None:
    rng = random.Random(4)
    mehrwert = ctx.network("mehrwert")
    advisor_user = ctx.user("beratungsbuero")
    topics = {
        topic.code: topic for topic in Topic.objects.filter(code__in=[s[0] for s in SUBJECTS])
    }
    companies = list(
        Organization.objects.filter(
            kind=Organization.Kind.COMPANY, needs_responses__isnull=False
        ).distinct()[:40]
    )
    cases = 0
    for key, code, town in OFFICES:
        office = Office.objects.create(
            network=mehrwert,
            name=f"MehrWert-Büro {town}",
            host=ctx.org(key),
            city=town,
            email=f"mehrwert@{key}.example",
        )
        office.districts.set([ctx.region(code)])
        if key != "lk-holzminden":
            continue
        Advisor.objects.create(office=office, user=advisor_user)
        local = [c for c in companies if c.region_id == ctx.region(code).pk] or companies[:6]
        for number in range(12):
            topic_code, subject, group = SUBJECTS[number % len(SUBJECTS)]
            company = local[number % len(local)]
            outcome = rng.choice(
                (Case.Outcome.OPEN, Case.Outcome.OPEN, Case.Outcome.BOOKED, Case.Outcome.NOT_BOOKED)
            )
            case = Case.objects.create(
                office=office,
                advisor=advisor_user,
                organization=company,
                district=company.region,
                subject=subject,
                opened_on=ctx.days(-rng.randint(5, 120)),
                notes="Erstgespräch im Betrieb; Bedarf mit der Geschäftsführung besprochen.",
                outcome=outcome,
                outcome_reason="Termin passt nicht in die Saison"
                if outcome == Case.Outcome.NOT_BOOKED
                else "",
                follow_up_on=ctx.days(rng.randint(-3, 20))
                if outcome == Case.Outcome.OPEN
                else None,
            )
            # The first talk at the company, then calls or a video meeting to follow up.
            Contact.objects.create(
                case=case,
                date=case.opened_on,
                channel=Contact.Channel.VISIT,
                minutes=rng.choice((60, 75, 90)),
                note="Erstgespräch mit der Geschäftsführung",
                created_by=advisor_user,
            )
            for step in range(rng.randint(0, 2)):
                Contact.objects.create(
                    case=case,
                    date=min(case.opened_on + datetime.timedelta(days=7 * (step + 1)), ctx.today),
                    channel=rng.choice((Contact.Channel.PHONE, Contact.Channel.VIDEO)),
                    minutes=rng.choice((15, 20, 30, 45)),
                    note="Angebote besprochen" if step == 0 else "Rückfrage zur Förderung",
                    created_by=advisor_user,
                )
            need = CaseNeed.objects.create(
                case=case,
                topic=topics[topic_code],
                target_group=group,
                employees=rng.randint(1, 6),
                urgency=rng.choice((6, 12)),
                format=rng.choice(("in_person", "online", "blended")),
                budget_per_person=rng.choice((300, 500, 800)),
            )
            best = offers_for.match(
                offers_for.profile(need, organization=company, today=ctx.today), limit=2
            )
            for match in best:
                offer = Offer.objects.get(pk=match.offer_id)
                recommendation = recommend(case, offer, need, advisor_user)
                if outcome == Case.Outcome.BOOKED:
                    recommendation.booked = True
                    recommendation.save(update_fields=["booked"])
                    break
            cases += 1
    ctx.log(f"advice: {len(OFFICES)} offices, {cases} cases")
