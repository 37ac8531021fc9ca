"""The load scenario: professionals and leads of the scaled demo school, through the real pages.

Run by loadtest/run.py (`make loadtest`); by hand:
    locust -f loadtest/locustfile.py --headless -u 40 -r 5 -t 5m -H http://127.0.0.1:8000

Each simulated person logs in through the login form (with its CSRF token), then works
with a think time of 1-3 seconds between pages: a busy colleague, not a robot. Filling in
a form takes longer than that: 5-15 seconds to type an observation (journey 1 counts 74
keystrokes), 10-20 seconds to write a review's rationale.
Professionals (4 of 5): the family list, a family's page, logging an observation,
reading notes ("Voor mij", "Mijn signalen"). Leads (1 of 5): the dashboard,
a family's explanation, recording a review.
"""

import datetime
import itertools
import os
import random
import sys
import time
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forms  # noqa: E402

PASSWORD = os.environ.get("LOAD_PASSWORD", "stap0-demo-2026")
COLLEAGUES = int(os.environ.get("LOAD_COLLEAGUES", "30"))
LEADS = [u for u in os.environ.get("LOAD_LEADS", "lead").split(",") if u]
# The region scenario (run.py, LOAD_REGION) names its professionals; the demo school numbers them.
PROFESSIONALS = [u for u in os.environ.get("LOAD_PROFESSIONALS", "").split(",") if u] or [
    f"collega{n:02d}" for n in range(1, COLLEAGUES + 1)
]
_colleague_names = itertools.cycle(PROFESSIONALS)
_lead_names = itertools.cycle(LEADS)

# Every request with its moment, so that run.py can report the steady state apart from the
# morning's login burst (Argon2 makes each login cost a few hundred milliseconds of CPU).
REQUEST_LOG = os.environ.get("LOAD_REQUEST_LOG", "")
_requests = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, start_time=None, **kwargs):
    _requests.append((start_time or time.time(), name, response_time, exception is not None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    if REQUEST_LOG:
        with open(REQUEST_LOG, "w") as f:
            f.write("start,name,ms,failed\n")
            for start, name, ms, failed in _requests:
                f.write(f"{start:.3f},{name},{ms:.1f},{int(failed)}\n")


OBSERVATIONS = [
    "Kwam vanochtend zonder jas en zonder ontbijt; zei dat mama nog sliep.",
    "Was stil en teruggetrokken in de kring; wilde niet vertellen over het weekend.",
    "Vader was bij het ophalen erg boos en schreeuwde tegen het kind.",
    "Oma vertelde dat ze vaker oppast; het kind is daar blij mee.",
    "Heeft drie dagen gemist zonder afmelding.",
]


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        self.families = []
        page = self.client.get("/inloggen/", name="login (form)")
        with self.client.post(
            "/inloggen/",
            data={
                "csrfmiddlewaretoken": forms.csrf_token(page.text),
                "username": self.username,
                "password": PASSWORD,
                "next": "",
            },
            name="login (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login {self.username}: {response.status_code}")

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {name}")
            elif "/inloggen/" in response.url:
                response.failure(f"{name}: sent back to the login page")
        return response

    def post_form(self, path, data, name):
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 200:
                response.failure(f"{name} refused: {forms.form_errors(response.text)}")
            elif response.status_code != 302:
                response.failure(f"{response.status_code} on {name}")
        return response


class Professional(Person):
    weight = 4

    def on_start(self):
        self.username = next(_colleague_names)
        super().on_start()

    def family(self):
        if not self.families:
            self.family_list()
        return random.choice(self.families) if self.families else None

    @task(3)
    def family_list(self):
        page = random.choice([1, 1, 1, 2, 3, random.randint(1, 80)])
        response = self.get(f"/gezinnen/?page={page}", "families: list")
        # The files this colleague reads (need-to-know): the others are listed by name only.
        found = forms.links(response.text or "", 'href="/gezinnen/{uuid}/"')
        if found:
            self.families = found

    @task(4)
    def family_page(self):
        family = self.family()
        if family:
            self.get(f"/gezinnen/{family}/", "families: family page")

    @task(2)
    def log_observation(self):
        family = self.family()
        if not family:
            return
        path = f"/signalen/gezin/{family}/vastleggen/"
        page = self.get(path, "signals: observation form")
        form = forms.find_form(page.text or "", "description")
        if form is None:
            return
        categories = forms.options(form, "category")
        time.sleep(random.uniform(5, 15))  # typing (gevent patches sleep: other users go on)
        data = forms.submission(
            form,
            category=random.choice(categories) if categories else "",
            severity=str(random.choice([1, 1, 2, 2, 3])),
            observed_on=(
                datetime.date.today() - datetime.timedelta(days=random.randint(0, 6))
            ).isoformat(),
            description=random.choice(OBSERVATIONS),
            acute=None,
        )
        self.post_form(path, data, "signals: observation (post)")

    @task(2)
    def read_notes(self):
        self.get("/signalen/voor-mij/", "signals: voor mij")
        self.get("/signalen/mijn-signalen/", "signals: mijn signalen")


class Lead(Person):
    weight = 1

    def on_start(self):
        self.username = next(_lead_names)
        super().on_start()

    @task(3)
    def dashboard(self):
        response = self.get("/signalen/dashboard/", "dashboard")
        found = forms.links(response.text or "", "/signalen/dashboard/gezin/{uuid}/")
        if found:
            self.families = found

    @task(3)
    def explanation(self):
        if not self.families:
            self.dashboard()
        if self.families:
            family = random.choice(self.families)
            self.get(f"/signalen/dashboard/gezin/{family}/", "dashboard: explanation")

    @task(1)
    def review(self):
        if not self.families:
            self.dashboard()
        if not self.families:
            return
        family = random.choice(self.families)
        path = f"/signalen/gezin/{family}/beoordelen/"
        page = self.get(path, "review form")
        form = forms.find_form(page.text or "", "decision")
        if form is None:
            return
        time.sleep(random.uniform(10, 20))  # weighing and writing the rationale
        data = forms.submission(
            form,
            decision="monitor",
            rationale="Besproken in het zorgoverleg; we blijven volgen en spreken ouders aan.",
            next_review_on=(datetime.date.today() + datetime.timedelta(days=42)).isoformat(),
            # Clearing acute or during an accumulation, the afwegingskader is required.
            q1_suspicion="yes",
            q1_reason="Zorgen over de draagkracht thuis; besproken met de collega's.",
            q2_unsafety="no",
        )
        self.post_form(path, data, "review (post)")
