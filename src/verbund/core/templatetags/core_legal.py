"""``{% privacy_notice "hinweis-events" %}`` beside a form; ``{% legal_body text %}`` for a text."""

from django import template
from django.template.loader import render_to_string

from verbund.core.services import legal

register = template.Library()


@register.simple_tag
def legal_body(text, level=2):
    return render_to_string(
        "core/_legal_body.html", {"blocks": legal.blocks(text.body), "level": level}
    )


@register.simple_tag
def privacy_notice(key):
    if legal.kind(key) is None:  # a typo in a template must not hide the notice silently
        raise template.TemplateSyntaxError(f"unknown privacy notice {key!r}")
    return render_to_string("core/_privacy_notice.html", {"key": key, "text": legal.text(key)})
