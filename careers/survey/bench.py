"""The survey benchmark (``manage.py survey_bench``, docs/benchmarks.md): a synthetic province
of 150 schools with 30,000 answers this year and 30,000 last year, generated in bulk; then,
against gunicorn with the production settings on PostgreSQL:

* the province officer's results page (the province's aggregates), timed ``runs`` times;
* answering: students (one GET of the class link, one POST of the form, each class behind
  its own address) sent at ``rate`` answers a second for ``seconds`` seconds, every response
  checked (the thank-you page, or a refusal counted as an error).

Everything the benchmark makes is deleted at the end, so it can run on a development
database; the synthetic names say "đo tải".
"""

import datetime
import http.cookies
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone

from careers.streaming.access import ensure_officer_group
from careers.survey import counts
from careers.survey.answering import sha256
from careers.survey.models import (
    AnswerChoice,
    GeneralSchool,
    SurveyAnswer,
    SurveyClass,
    SurveyRound,
    SurveyTemplate,
)
from website.models.areas import District, Province, Structure

SLUG = "do-tai-khao-sat"
OFFICER = "bench-so-khao-sat"
ROUTES = ["thpt-cong-lap", "thpt-tu-thuc", "gdtx", "trung-cap", "9-cong", "so-cap", "di-lam"]
ROUTE_WEIGHTS = [50, 6, 8, 14, 9, 4, 9]
VOCATIONAL = ("trung-cap", "9-cong", "so-cap")
FIELDS = ["51", "48", "34", "72", "81", "62", "58", "52"]
FACTORS = ["chi-phi", "khoang-cach", "gia-dinh", "hoc-luc", "so-thich", "viec-lam"]
THANKS = "Cảm ơn em đã trả lời!".encode()
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Data:
    province: Province
    template: SurveyTemplate
    year: int
    answers: int
    open_classes: list


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@transaction.atomic
def generate(schools=150, classes=5, size=40, seed=15):
    """The synthetic province; every class full (size answers) in each of two years."""
    rng = random.Random(seed)  # noqa: S311 — synthetic data
    template = SurveyTemplate.objects.get(slug="nguyen-vong-sau-thcs")
    province = Province.objects.create(
        structure=Structure.CURRENT,
        code="99",
        name="Tỉnh đo tải khảo sát",
        short_name="Đo tải",
        slug=SLUG,
    )
    legacy = Province.objects.create(
        structure=Structure.LEGACY,
        code="99",
        name="Tỉnh cũ đo tải",
        short_name="Cũ đo tải",
        slug=SLUG,
        successor=province,
    )
    districts = [
        District.objects.create(
            code=f"X{n:02d}", name=f"Huyện đo tải {n}", short_name=f"Đo tải {n}", province=legacy
        )
        for n in range(10)
    ]
    year = timezone.localdate().year
    made = GeneralSchool.objects.bulk_create(
        GeneralSchool(
            name=f"Trường THCS đo tải {n:03d}",
            level="thcs",
            province=province,
            district=districts[n % len(districts)],
            is_sample=True,
        )
        for n in range(schools)
    )
    today = timezone.localdate()
    window = {
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=1),
        "retention_date": today + datetime.timedelta(days=30),
        "is_sample": True,
    }
    total = 0
    open_classes = []
    for each_year in (year - 1, year):
        rounds = SurveyRound.objects.bulk_create(
            SurveyRound(school=school, template=template, year=each_year, **window)
            for school in made
        )
        full = SurveyClass.objects.bulk_create(
            SurveyClass(
                round=r,
                name=f"9A{c}",
                size=size,
                answers_count=size,
                code=f"b{each_year % 10}{r.pk % 100000:05d}{c}",
            )
            for r in rounds
            for c in range(classes)
        )
        answers = []
        for survey_class in full:
            for number in range(size):
                route = rng.choices(ROUTES, ROUTE_WEIGHTS)[0]
                answers.append(
                    SurveyAnswer(
                        round_id=survey_class.round_id,
                        survey_class=survey_class,
                        school_id=survey_class.round.school_id,
                        province=province,
                        district_id=survey_class.round.school.district_id,
                        template=template,
                        year=each_year,
                        route=route,
                        vocational=route in VOCATIONAL,
                        device_hash=sha256(f"bench:{survey_class.pk}:{number}"),
                        is_sample=True,
                    )
                )
        SurveyAnswer.objects.bulk_create(answers, batch_size=5000)
        chosen = [
            (
                answer,
                [
                    ("route", answer.route),
                    *(("fields", code) for code in rng.sample(FIELDS, 2)),
                    *(("factors", code) for code in rng.sample(FACTORS, 2)),
                ],
            )
            for answer in answers
        ]
        AnswerChoice.objects.bulk_create(
            (
                AnswerChoice.of(answer, kind, code)
                for answer, pairs in chosen
                for kind, code in pairs
            ),
            batch_size=10000,
        )
        counts.apply(counts.deltas(chosen))
        total += len(answers)
    # Empty open classes for the answering test: 200 × 40 places.
    answer_round = SurveyRound.objects.create(
        school=made[0],
        template=SurveyTemplate.objects.get(slug="mon-hoc-lua-chon-lop-10"),
        year=year,
        **window,
    )
    open_classes = SurveyClass.objects.bulk_create(
        SurveyClass(round=answer_round, name=f"Mở {n:03d}", size=size, code=f"mo{n:06d}")
        for n in range(200)
    )
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give them
        cursor.execute("ANALYZE survey_surveyanswer, survey_answerchoice, survey_surveycount")
    return Data(
        province, template, year, total, [survey_class.code for survey_class in open_classes]
    )


def cleanup():
    province = Province.objects.filter(structure=Structure.CURRENT, slug=SLUG).first()
    if province is None:
        return
    # Raw deletes, children first: the ORM's cascade would load 300,000 choices. The counts
    # go with them (the classes' deletion below then finds nothing left to subtract).
    with connection.cursor() as cursor:
        for table in ("survey_answerchoice", "survey_surveyanswer", "survey_surveycount"):
            cursor.execute(f"DELETE FROM {table} WHERE province_id = %s", [province.pk])  # noqa: S608
    SurveyRound.objects.filter(school__province=province).delete()
    GeneralSchool.objects.filter(province=province).delete()
    Group.objects.filter(streaming_area__province=province).delete()
    get_user_model().objects.filter(username=OFFICER).delete()
    District.objects.filter(province__slug=SLUG, province__structure=Structure.LEGACY).delete()
    Province.objects.filter(slug=SLUG, structure=Structure.LEGACY).delete()
    province.delete()


def officer_session(province):
    """A logged-in session of the province's officer (a session row, as a login makes)."""
    group = ensure_officer_group(province=province)
    user, _created = get_user_model().objects.get_or_create(username=OFFICER)
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def start_gunicorn(port, env):
    root = Path(settings.BASE_DIR)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(root / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/robots.txt", headers=HEADERS)
            urllib.request.urlopen(request, timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def time_results(port, session_key, data, runs):
    url = (
        f"http://127.0.0.1:{port}/admin/khao-sat/ket-qua/?mau={data.template.slug}&nam={data.year}"
    )
    headers = {**HEADERS, "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"}
    times, errors = [], 0
    expected = f"{data.answers // 2:,}".replace(",", ".").encode()
    for _run in range(runs):
        started = time.perf_counter()
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=30
        ) as response:
            body = response.read()
            ok = response.status == 200 and (
                expected in body or str(data.answers // 2).encode() in body
            )
        times.append((time.perf_counter() - started) * 1000)
        errors += not ok
    return times, errors


def answer_once(port, code, address):
    """One student: GET the class link, POST the form with its cookies (Secure cookies, which
    the proxy's HTTPS would carry, sent by hand over the benchmark's plain HTTP)."""
    headers = {**HEADERS, "X-Forwarded-For": address}
    url = f"http://127.0.0.1:{port}/khao-sat/{code}/"
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=30
        ) as response:
            token = CSRF.search(response.read()).group(1).decode()
            cookies = http.cookies.SimpleCookie()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookies.load(header)
        headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "electives": ["khtn"], "fields": ["51"]}, doseq=True
        ).encode()
        post_headers = {
            **headers,
            "Referer": "https://127.0.0.1" + f"/khao-sat/{code}/",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        request = urllib.request.Request(url, data=form, headers=post_headers)
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            ok = response.status == 200 and THANKS in response.read()
    except (OSError, AttributeError):
        ok = False
    return ok, (time.perf_counter() - started) * 1000


def load_answers(port, data, rate, seconds, threads=32):
    """Send ``rate`` students a second for ``seconds``; (sent, errors, latencies, elapsed)."""
    total = rate * seconds
    lock = threading.Lock()
    results = []
    # Each class behind its own address; 40 students a class, the classes filled in turn.
    plan = [
        (data.open_classes[n // 40], f"10.{(n // 40) // 250}.{(n // 40) % 250}.1")
        for n in range(total)
    ]

    def run(item):
        outcome = answer_once(port, *item)
        with lock:
            results.append(outcome)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for number, item in enumerate(plan):
            due = started + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(run, item)
    elapsed = time.perf_counter() - started
    errors = sum(1 for ok, _ms in results if not ok)
    return total, errors, [ms for _ok, ms in results], elapsed


def server_env(port):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            # The officer's session is made here: the server must sign with the same key.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
            "GUNICORN_PORT": str(port),
        }
    )
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/6")
    return env
