from verbund.mobility.models.agreements import LearningAgreement
from verbund.mobility.models.exchanges import Exchange, ExchangeDay, ExchangeParticipant
from verbund.mobility.models.oids import OrganisationOid
from verbund.mobility.models.projects import (
    CEFR,
    Application,
    Language,
    MobilityProject,
    ParticipantType,
    Placement,
)
from verbund.mobility.models.rates import DailyRate, RateTable, TravelBand, TypeRate
from verbund.mobility.models.stays import MatchRun, Payment, Stay

__all__ = [
    "CEFR",
    "Application",
    "DailyRate",
    "Exchange",
    "ExchangeDay",
    "ExchangeParticipant",
    "Language",
    "LearningAgreement",
    "MatchRun",
    "MobilityProject",
    "OrganisationOid",
    "ParticipantType",
    "Payment",
    "Placement",
    "RateTable",
    "Stay",
    "TravelBand",
    "TypeRate",
]
