"""Human words for audit entries: "Angebot angelegt" instead of ``courses.offer.created``.

An action code is ``app.model.verb``. The subject comes from the model's verbose name,
the verb from ``VERBS``; an app can give a whole code its own wording with
``register_action_label``. Unknown verbs read as a plain change, so no code ever reaches
the page.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

VERBS = {
    "created": _("angelegt"),
    "changed": _("geändert"),
    "edited": _("bearbeitet"),
    "deleted": _("gelöscht"),
    "removed": _("entfernt"),
    "copied": _("kopiert"),
    "imported": _("importiert"),
    "reimported": _("erneut importiert"),
    "exported": _("Auskunft erteilt"),
    "erased": _("anonymisiert"),
    "revoke": _("widerrufen"),
    "revoked": _("widerrufen"),
    "locked": _("gesperrt"),
    "unlocked": _("entsperrt"),
    "replaced": _("ersetzt"),
    "declined": _("abgesagt"),
    "answered": _("beantwortet"),
    "submitted": _("eingereicht"),
    "approved": _("freigegeben"),
    "rejected": _("abgelehnt"),
    "paid": _("ausgezahlt"),
    "published": _("veröffentlicht"),
    "solved": _("berechnet"),
    "opened": _("geöffnet"),
    "open": _("geöffnet"),
    "closed": _("geschlossen"),
    "draft": _("als Entwurf gespeichert"),
    "archived": _("archiviert"),
    "invited": _("Einladungen erstellt"),
    "invitations_sent": _("Einladungen versandt"),
    "reminded": _("Erinnerung versandt"),
    "questions": _("Fragebogen geändert"),
    "saved": _("gespeichert"),
    "started": _("begonnen"),
    "recommended": _("Angebot empfohlen"),
    "advisor_added": _("Beraterin oder Berater hinzugefügt"),
    "run_saved": _("Termin gespeichert"),
    "run_deleted": _("Termin gelöscht"),
    "attachment_added": _("Anhang hinzugefügt"),
    "attachment_removed": _("Anhang entfernt"),
    "members_changed": _("Mitglieder geändert"),
    "overridden": _("bewusst zugelassen"),
}

_WHOLE_CODES: dict[str, str] = {}


def register_action_label(code: str, label) -> None:
    """Give one full action code its own wording (``"exams.plan.solved"``)."""
    _WHOLE_CODES[code] = label


def action_label(action: str, model=None) -> str:
    """German (or the active language's) text for an action code."""
    if action in _WHOLE_CODES:
        return str(_WHOLE_CODES[action])
    verb = action.rsplit(".", 1)[-1]
    subject = capfirst(model._meta.verbose_name) if model is not None else ""
    verb_text = VERBS.get(verb, VERBS["changed"])
    if not subject:
        return capfirst(str(verb_text))
    return _("%(subject)s: %(verb)s") % {"subject": subject, "verb": verb_text}


def field_label(model, name: str) -> str:
    """The verbose name of a changed field, or a readable form of its name."""
    if model is not None:
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            pass
    return capfirst(name.replace("_", " "))


def person_name(user) -> str:
    """A person's name for the page; the username only when no name is known."""
    if user is None:
        return ""
    person = getattr(user, "person", None)  # the reverse one-to-one raises AttributeError
    if person is not None and (person.first_name or person.last_name):
        return f"{person.first_name} {person.last_name}".strip()
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()
