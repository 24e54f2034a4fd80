"""Template helpers of the design system: figures, audit wording, names, permissions.

``{% load verbund_ui %}`` then ``{{ amount|money }}`` ("1.290,50 €"), ``{{ km|number:1 }}``
("26.313,8"), ``{{ entry|action_label }}``, ``{{ entry|changed_fields }}``,
``{{ user|person_name }}`` and ``{% may "exams.compensation" as may_compensate %}``.
"""

from django import forms, template
from django.utils.translation import gettext_lazy as _

from verbund.core.services import access, audit_labels
from verbund.core.services import stored_text as stored_texts
from verbund.core.services.numbers import format_money, format_number

register = template.Library()


@register.filter
def money(value, currency="EUR"):
    """An amount with two decimals and the euro sign: 1290.5 -> "1.290,50 €"."""
    return format_money(value, currency)


@register.filter
def number(value, decimal_places=None):
    """A figure with thousands separators; ``number:1`` fixes one decimal."""
    places = int(decimal_places) if decimal_places not in (None, "") else None
    return format_number(value, places)


def _model(entry):
    content_type = getattr(entry, "content_type", None)
    return content_type.model_class() if content_type is not None else None


@register.filter
def action_label(entry):
    """An audit entry's action in words ("Angebot: angelegt")."""
    return audit_labels.action_label(entry.action, _model(entry))


@register.filter
def changed_fields(entry):
    """The verbose names of the fields an audit entry changed."""
    model = _model(entry)
    return [audit_labels.field_label(model, name) for name in (entry.changes or {})]


@register.filter
def stored_text(value):
    """A text the platform stored (job message, reason) in the reader's language."""
    return stored_texts.render(value)


@register.filter
def person_name(user):
    return audit_labels.person_name(user)


@register.simple_tag(takes_context=True)
def may(context, perm, obj=None):
    """Whether the current user holds ``perm`` (on ``obj``, or anywhere)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user) and access.has_perm(user, perm, obj)


@register.simple_tag
def form_sections(form):
    """The visible fields grouped by the form's ``fieldsets``.

    A form may declare ``fieldsets = [(legend, help, [field names]), ...]`` (help may be
    left out: ``(legend, [names])``); fields it does not name follow under "Weitere
    Angaben". Without ``fieldsets`` all fields form one unnamed section.
    """
    visible = form.visible_fields()
    fieldsets = getattr(form, "fieldsets", None)
    if not fieldsets:
        return [{"legend": "", "help": "", "fields": visible}]
    by_name = {field.name: field for field in visible}
    sections, used = [], set()
    for entry in fieldsets:
        legend, help_text, names = entry if len(entry) == 3 else (entry[0], "", entry[1])
        fields = [by_name[name] for name in names if name in by_name]
        used.update(field.name for field in fields)
        if fields:
            sections.append({"legend": legend, "help": help_text, "fields": fields})
    rest = [field for field in visible if field.name not in used]
    if rest:
        sections.append({"legend": _("Weitere Angaben"), "help": "", "fields": rest})
    return sections


@register.filter
def field_kind(bound_field):
    """How a field is laid out: "check" (one checkbox), "choices" (radios or checkboxes
    in a fieldset) or "input" (label above a control)."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    return "input"


@register.simple_tag(takes_context=True)
def network_capabilities(context, network):
    """The capabilities ``network`` uses, with the links the current user may open."""
    from verbund.core.services.capabilities import capabilities_of

    request = context.get("request")
    return capabilities_of(network, getattr(request, "user", None) or context.get("user"))
