"""Just enough HTML form reading for the load and crash scripts: what a browser would submit."""

import re
from html.parser import HTMLParser

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            self._form["fields"].append(
                {
                    "tag": "input",
                    "type": (a.get("type") or "text").lower(),
                    "name": a["name"],
                    "value": a.get("value") or "",
                    "has_value": "value" in a,
                    "checked": "checked" in a,
                }
            )
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "name": a["name"], "options": [], "selected": None}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["selected"] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "name": a["name"], "value": ""}
            self._form["fields"].append(self._textarea)
        elif tag == "button" and a.get("name") and a.get("type", "submit") == "submit":
            self._form["fields"].append(
                {"tag": "button", "name": a["name"], "value": a.get("value", "")}
            )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def find_form(html, field):
    """The first POST form that has a field of this name."""
    for form in forms(html):
        if form["method"] == "post" and any(f["name"] == field for f in form["fields"]):
            return form
    return None


def options(form, name):
    for f in form["fields"]:
        if f["name"] == name and f["tag"] == "select":
            return [o for o in f["options"] if o]
        if f["name"] == name and f["tag"] == "input" and f["type"] == "radio":
            return [g["value"] for g in form["fields"] if g["name"] == name]
    return []


def submission(form, **overrides):
    """The fields a browser would send (default values, checked boxes), then the overrides."""
    data = {}
    for f in form["fields"]:
        name = f["name"]
        if f["tag"] == "button":
            continue  # only the pressed button is sent; pass it as an override
        if f["tag"] == "select":
            data.setdefault(name, f["selected"] if f["selected"] is not None else "")
        elif f["tag"] == "textarea":
            # Browsers drop the newline right after <textarea> (Django renders one).
            value = f["value"]
            data.setdefault(name, value[1:] if value.startswith("\n") else value)
        elif f["type"] in ("radio", "checkbox"):
            if f["checked"]:
                # A checked radio may carry an empty value ("niet beantwoord"); a checkbox
                # without a value attribute sends "on".
                data[name] = f["value"] if f["has_value"] else "on"
        elif f["type"] not in ("submit", "button", "reset", "file", "image"):
            data.setdefault(name, f["value"])
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def links(html, pattern):
    """Distinct UUIDs of links matching a path pattern with one `{uuid}` placeholder."""
    regex = re.compile(re.escape(pattern).replace(r"\{uuid\}", f"({UUID})"))
    seen = []
    for match in regex.finditer(html):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def form_errors(html):
    """The visible error texts of a re-rendered form (for a failure message)."""
    found = re.findall(
        r'class="[^"]*(?:invalid-feedback|alert-danger|errorlist)[^"]*"[^>]*>(.*?)</',
        html,
        re.S,
    )
    return "; ".join(re.sub(r"<[^>]+>|\s+", " ", f).strip() for f in found)[:300]
