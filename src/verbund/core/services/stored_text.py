"""Texts the platform writes into the database, shown later in the reader's language.

A background job runs in the worker (German), a recommendation is stored in the language of
the request that made it; the page showing the text may be read in English or French. So
such texts are stored as their German source (the gettext msgid) plus parameters, and
translated when they are shown::

    progress(1.0, stored_text.plural("%(count)s Einladung versandt.",
                                     "%(count)s Einladungen versandt.", count))
    {{ job.message|stored_text }}          (template, ``{% load verbund_ui %}``)

A text without parameters is stored as the plain msgid (so old rows and plain German texts
are translated too when a translation exists); one with parameters as a short JSON object.
Integers in parameters are shown with thousands separators.
"""

import json

from django.utils import formats
from django.utils.translation import gettext, ngettext

from verbund.core.json_encoder import JSONEncoder

MARK = '{"t":'


def text(msgid: str, **params) -> str:
    """A German source text with named ``%(name)s`` parameters, for storing."""
    if not params:
        return msgid
    return json.dumps(
        {"t": msgid, "p": params}, ensure_ascii=False, separators=(",", ":"), cls=JSONEncoder
    )


def plural(singular: str, plural_msgid: str, count: int, **params) -> str:
    """A text in singular or plural by ``count`` (also available as ``%(count)s``)."""
    return json.dumps(
        {"t": singular, "pl": plural_msgid, "n": count, "p": {"count": count, **params}},
        ensure_ascii=False,
        separators=(",", ":"),
        cls=JSONEncoder,
    )


def _shown(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return value


def render(value) -> str:
    """The stored text in the active language ("" for empty)."""
    if not value:
        return ""
    value = str(value)
    if not value.startswith(MARK):
        return gettext(value)
    try:
        data = json.loads(value)
        params = {key: _shown(item) for key, item in (data.get("p") or {}).items()}
        if "pl" in data:
            template = ngettext(data["t"], data["pl"], int(data["n"]))
        else:
            template = gettext(data["t"])
        return template % params if params else template
    except (ValueError, KeyError, TypeError):
        # A text cut off or written by hand: show it as it is rather than fail the page.
        return value


def fits(value: str, length: int) -> str:
    """``value`` cut to a field's length; a stored text that does not fit keeps its source."""
    if len(value) <= length:
        return value
    if value.startswith(MARK):
        try:
            data = json.loads(value)
            return render_german(data)[:length]
        except (ValueError, KeyError, TypeError):
            pass
    return value[:length]


def render_german(data: dict) -> str:
    params = data.get("p") or {}
    template = data["t"] if "pl" not in data or int(data["n"]) == 1 else data["pl"]
    return template % params if params else template
