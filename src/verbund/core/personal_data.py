"""How each model with personal data is exported and erased (GDPR Art. 15 and 17).

Every model that refers to a person or a user, or stores names, mail addresses or phone
numbers, declares a ``PERSONAL_DATA`` class attribute: either a ``PersonalData`` policy or
``NoPersonalData("why")``. A test fails for any model that declares neither.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PersonalData:
    """``person_lookup``/``user_lookup``: the ORM path from the model to the Person/User.

    ``on_erase``: ``anonymise`` (overwrite ``anonymise`` fields, keep the row, used where
    records must stay), ``delete`` (remove the row) or ``keep`` (the row holds no more than
    a reference that is anonymised elsewhere; ``reason`` says why it must stay).
    """

    fields: tuple[str, ...]
    person_lookup: str | None = None
    user_lookup: str | None = None
    on_erase: str = "anonymise"
    anonymise: dict = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True)
class NoPersonalData:
    reason: str


PERSONAL_FIELD_NAMES = {
    "first_name",
    "last_name",
    "email",
    "phone",
    "mobile",
    "birth_date",
    "date_of_birth",
    "home_address",
}
