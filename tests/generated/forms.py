"""Valid POST data from the form a page renders (stdlib HTML parser, no browser).

``post_data(html, url)`` finds the page's main form (method POST, posting to the page
itself) and fills it the way a person would: keeps given values, picks the first real
option of a select, fills empty fields by their type. Forms whose valid data cannot be
read from the page get theirs from ``VALID_DATA`` in the test module.
"""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Values for empty fields by input type (a date in the near future, a time, ...).
_TODAY = datetime.date.today()
_BY_TYPE = {
    "date": (_TODAY + datetime.timedelta(days=30)).isoformat(),
    "datetime-local": (_TODAY + datetime.timedelta(days=30)).isoformat() + "T09:30",
    "time": "09:30",
    "number": "1",
    "email": "pruefung@example.org",
    "url": "https://example.org",
    "tel": "+49 511 1234567",
    "password": "Verbund-Test-2026",
}
# By field name, where the type says too little (text fields holding numbers, places).
_BY_NAME = {
    "postcode": "31785",
    "city": "Hameln",
    "place": "Hameln",
    "country": "DE",
    "lat": "52,1",
    "lon": "9,36",
    "year": str(_TODAY.year + 1),
}
_NUMERIC_HINTS = ("decimal", "numeric")


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)  # (kind, name, attrs, options/value)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = Form(attrs.get("method", "get").lower(), attrs.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form.fields.append(("input", attrs.get("name"), attrs, None))
        elif tag == "select":
            self._select = ("select", attrs.get("name"), attrs, [])
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, "disabled" in attrs, ""]
            self._select[3].append(self._option)
        elif tag == "textarea":
            self._textarea = ["textarea", attrs.get("name"), attrs, ""]
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option[3] += data
        if self._textarea is not None:
            self._textarea[3] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def main_form(html: str, url: str) -> Form | None:
    """The POST form that posts to the page itself (not search, logout or language)."""
    path = urlsplit(url).path
    for form in forms_of(html):
        if form.method == "post" and urlsplit(form.action).path in ("", path):
            return form
    return None


def _value_for(name: str, attrs: dict, position: int) -> str:
    """``position``: how many fields of this type came before (later dates are later)."""
    kind = attrs.get("type", "text").lower()
    if name == "year":
        return _BY_NAME[name]
    later = datetime.timedelta(days=position)
    if kind == "date":
        return (_TODAY + datetime.timedelta(days=30) + later).isoformat()
    if kind == "datetime-local":
        return (_TODAY + datetime.timedelta(days=30) + later).isoformat() + "T09:30"
    if kind == "time":
        return f"{9 + position:02d}:30"
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.endswith("weeks"):
        return "1-4"
    if attrs.get("inputmode") in _NUMERIC_HINTS:
        return "1"
    return f"Test {name}"[: int(attrs.get("maxlength") or 200)]


def post_data(form: Form) -> dict:
    """Data for ``form`` as a person would send it: given values kept, blanks filled."""
    data: dict = {}
    seen: dict[str, int] = {}
    for kind, name, attrs, extra in form.fields:
        if not name or "disabled" in attrs:
            continue
        if kind == "select":
            options = [option for option in extra if option[0] is not None and not option[2]]
            chosen = [option[0] for option in options if option[1] and option[0] != ""]
            if not chosen:
                chosen = [option[0] for option in options if option[0] != ""][:1]
            if "multiple" in attrs:
                data.setdefault(name, []).extend(chosen)
            elif chosen:
                data[name] = chosen[0]
            continue
        if kind == "textarea":
            data[name] = extra.strip() or f"Test {name}"
            continue
        input_type = attrs.get("type", "text").lower()
        if input_type in ("submit", "button", "image", "reset", "file"):
            continue
        if input_type in ("checkbox", "radio"):
            if "checked" in attrs and input_type == "radio":
                data[name] = [attrs.get("value", "on")]
            elif "checked" in attrs:
                data.setdefault(name, []).append(attrs.get("value", "on"))
            elif input_type == "radio" and name not in data:
                data[name] = [attrs.get("value", "on")]
            continue
        value = attrs.get("value", "")
        position = seen.get(input_type, 0)
        seen[input_type] = position + 1
        data[name] = value if value else _value_for(name, attrs, position)
    return data
