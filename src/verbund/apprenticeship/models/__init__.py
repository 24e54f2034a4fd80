"""Models of Verbundausbildung: framework plans, company training, partner requests, rotations."""

from .contracts import Contract, ContractApproval, ContractVersion
from .plans import FrameworkPlan, PlanPosition, PlanSkill
from .training import Apprentice, PartnerRequest, Station, Trainer, TrainingProfile
from .verbund import RotationRun, VerbundSetup

__all__ = [
    "Apprentice",
    "Contract",
    "ContractApproval",
    "ContractVersion",
    "FrameworkPlan",
    "PartnerRequest",
    "PlanPosition",
    "PlanSkill",
    "RotationRun",
    "Station",
    "Trainer",
    "TrainingProfile",
    "VerbundSetup",
]
