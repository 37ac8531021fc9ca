"""What one request to each of the pages people open most costs this process (issue 21, 17).

Through Django's test client, in this process, against the database of DATABASE_URL
with the demo loaded (`manage.py load_demo`; any settings, production's DEBUG=0 is what
counts): as the demo lead and a demo professional, each page is asked for a few times
to warm up, then N times under `time.process_time` (CPU milliseconds per request, the
profiler off), then N times under cProfile (call counts, and the profile to read with
pstats). Printed per page: status, queries of one request, CPU ms per request, function
calls per request. With --html DIR each page's HTML is written there (the CSRF token,
random per render, replaced by a fixed string) to diff before and after a change.

    DATABASE_URL=... SECRET_KEY=x DEBUG=0 ALLOWED_HOSTS=testserver \
        .venv/bin/python loadtest/profile_pages.py [-n 30] [--html DIR] [--profile FILE]
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

LEAD, PROFESSIONAL = "lead", "leerkracht"
PAGES = [
    ("family page", "families:detail", "public_id"),
    ("family list", "families:list", None),
    ("observation form", "signals:family_observation_create", "family_id"),
    ("dashboard", "signals:dashboard", None),
    ("explanation", "signals:explanation", "family_id"),
]
LEAD_ONLY = {"dashboard", "explanation"}
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def the_family():
    """The demo school's family with the most observations by the professional (as
    loadtest/pages.py): one that both users may open."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from families.models import Family

    prof = get_user_model().objects.get(username=PROFESSIONAL)
    return (
        Family.objects.filter(observations__observer=prof)
        .annotate(n=Count("observations", distinct=True))
        .order_by("-n", "name")
        .first()
    )


def paths(family):
    from django.urls import reverse

    out = []
    for label, name, key in PAGES:
        kwargs = {key: family.public_id} if key else {}
        out.append((label, reverse(name, kwargs=kwargs)))
    return out


def queries_of(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--html")
    parser.add_argument("--profile")
    parser.add_argument("--only", help="a page label (substring)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    family = the_family()
    whole = None
    rows = []
    for username in (LEAD, PROFESSIONAL):
        client = Client(secure=True, HTTP_X_FORWARDED_PROTO="https")
        client.force_login(get_user_model().objects.get(username=username))
        for label, path in paths(family):
            if args.only and args.only not in label:
                continue
            if username == PROFESSIONAL and label in LEAD_ONLY:
                continue
            for _ in range(3):
                client.get(path)
            response, queries = queries_of(client, path)
            if args.html and response.status_code == 200:
                html = CSRF.sub(r"\1CSRF\2", response.content.decode())
                name = f"{username}-{label.replace(' ', '_')}.html"
                Path(args.html).mkdir(parents=True, exist_ok=True)
                (Path(args.html) / name).write_text(html)
            start = time.process_time()
            for _ in range(args.n):
                client.get(path)
            cpu = (time.process_time() - start) / args.n * 1000
            one = cProfile.Profile(time.process_time)
            for _ in range(args.n):
                one.enable()
                client.get(path)
                one.disable()
            stats = pstats.Stats(one)
            calls = stats.total_calls / args.n
            whole = stats if whole is None else whole.add(stats)
            rows.append((username, label, response.status_code, queries, cpu, calls))
    print(f"{'user':<11}{'page':<18}{'status':>6}{'queries':>8}{'cpu ms':>8}{'calls':>9}")
    for username, label, status, queries, cpu, calls in rows:
        print(f"{username:<11}{label:<18}{status:>6}{queries:>8}{cpu:>8.1f}{calls:>9.0f}")
    if args.profile:
        whole.dump_stats(args.profile)


if __name__ == "__main__":
    main()
