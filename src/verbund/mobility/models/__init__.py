from verbund.mobility.models.agreements import LearningAgreement
from verbund.mobility.models.exchanges import Exchange, ExchangeDay, ExchangeParticipant
from verbund.mobility.models.projects import (
    CEFR,
    Application,
    Language,
    MatchRun,
    MobilityProject,
    ParticipantType,
    Payment,
    Placement,
    Stay,
)
from verbund.mobility.models.rates import DailyRate, RateTable, TravelBand, TypeRate

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
    "ParticipantType",
    "Payment",
    "Placement",
    "RateTable",
    "Stay",
    "TravelBand",
    "TypeRate",
]
