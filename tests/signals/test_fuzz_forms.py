"""Hypothesis throws arbitrary input at the observation form and the note form.

Whatever comes in: never a 500, never the visitor's `<script` unescaped in the page, and
either exactly one row saved (when the input is valid) or none at all.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signals import services
from signals.models import ColleagueNote, Observation, SignalCategory
from tests.factories import ChildFactory, FamilyFactory

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SCRIPT = "<script>alert(1)</script>"
RISK, PROTECTIVE = "hunger", "supportive-network"

texts = st.one_of(
    st.text(max_size=60),
    st.just(SCRIPT),
    st.text(max_size=20).map(lambda t: f"{t}{SCRIPT}{t}"),
    st.text(max_size=20).map(lambda t: f"{t}\x00{t}"),
    st.just("x" * 10_000),
    st.just(" \n\t "),
)


def dates():
    return st.one_of(
        st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)).map(
            datetime.date.isoformat
        ),
        st.sampled_from(["", "morgen", "2024-02-30", "31-31-2024", SCRIPT]),
    )


def text_ok(value, *, max_length, required):
    stripped = value.strip()
    if "\x00" in value:
        return False
    if required and not stripped:
        return False
    return len(stripped) <= max_length


def parsed(value):
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def script_tags(response):
    return response.content.decode().count("<script")


@pytest.fixture
def setup(org_a, professional_a, client_professional_a):
    family = FamilyFactory(organisation=org_a, team=[professional_a])
    child = ChildFactory(
        family=family, birth_date=timezone.localdate() - datetime.timedelta(days=3000)
    )
    url = reverse("signals:family_observation_create", args=[family.public_id])
    baseline = script_tags(client_professional_a.get(url))
    return family, child, url, baseline


@FUZZ
@given(
    category=st.one_of(
        st.sampled_from([RISK, PROTECTIVE, "injury-unexplained", "", "bestaat-niet", SCRIPT]),
        st.text(max_size=20),
    ),
    severity=st.one_of(st.sampled_from(["1", "2", "3", "0", "4", "-1", ""]), st.text(max_size=5)),
    observed_on=dates(),
    description=texts,
    acute=st.booleans(),
    parents_discussed=st.sampled_from(["yes", "not_yet", "not_safe", "", "misschien"]),
    parents_response=texts,
    child=st.sampled_from(["", "child", "onbekend"]),
)
def test_observation_form_never_fails(
    client_professional_a,
    setup,
    category,
    severity,
    observed_on,
    description,
    acute,
    parents_discussed,
    parents_response,
    child,
):
    family, the_child, url, baseline = setup
    data = {
        "category": category,
        "severity": severity,
        "observed_on": observed_on,
        "description": description,
        "parents_discussed": parents_discussed,
        "parents_response": parents_response,
        "child": str(the_child.public_id) if child == "child" else child,
    }
    if acute:
        data["acute"] = "on"
    before = Observation.objects.count()
    response = client_professional_a.post(url, data)
    saved = Observation.objects.count() - before

    day = parsed(observed_on)
    valid = (
        category in (RISK, PROTECTIVE, "injury-unexplained")
        and severity in ("1", "2", "3")
        and day is not None
        and day <= timezone.localdate()
        and (child != "child" or day >= the_child.birth_date)
        and child in ("", "child")
        and text_ok(description, max_length=5000, required=True)
        and text_ok(parents_response, max_length=2000, required=False)
        and parents_discussed in ("yes", "not_yet", "not_safe")
        and not (acute and category == PROTECTIVE)
    )
    assert response.status_code in (200, 302)
    if valid:
        assert response.status_code == 302 and saved == 1
        obs = Observation.objects.latest("pk")
        assert obs.description == description.strip()
    else:
        assert response.status_code == 200 and saved == 0
        assert script_tags(response) == baseline  # the input's <script> only ever escaped


@pytest.fixture
def note_setup(org_a, professional_a, client_professional_a):
    family = FamilyFactory(organisation=org_a, team=[professional_a])
    obs = services.observation_record(
        family=family,
        category=SignalCategory.objects.get(code=RISK),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="x",
    )
    url = reverse("signals:note_create", args=[family.public_id])
    baseline = script_tags(client_professional_a.get(url))
    return obs, url, baseline


@FUZZ
@given(
    kind=st.one_of(
        st.sampled_from(
            ["question", "recognition", "different_view", "advice", "going_well", "", SCRIPT]
        ),
        st.text(max_size=15),
    ),
    text=texts,
    observation=st.sampled_from(["", "obs", "onbekend", SCRIPT]),
)
def test_note_form_never_fails(client_professional_a, note_setup, kind, text, observation):
    obs, url, baseline = note_setup
    data = {
        "kind": kind,
        "text": text,
        "observation": str(obs.public_id) if observation == "obs" else observation,
    }
    before = ColleagueNote.objects.count()
    response = client_professional_a.post(url, data)
    saved = ColleagueNote.objects.count() - before
    valid = (
        kind in ("question", "recognition", "different_view", "advice", "going_well")
        and text_ok(text, max_length=5000, required=True)
        and observation in ("", "obs")
    )
    assert response.status_code in (200, 302)
    if valid:
        assert response.status_code == 302 and saved == 1
    else:
        assert response.status_code == 200 and saved == 0
        assert script_tags(response) == baseline
