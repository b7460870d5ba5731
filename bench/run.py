"""make bench: ten years of data in two areas, served by gunicorn as in production, measured in one run.

Prints one line per endpoint: ``NAME rps=N p50_ms=N p95_ms=N ratio=N`` (ratio: its throughput
over the ``limit`` line's, a bare WSGI callable with no Django on the same gunicorn settings,
measured in the same rounds: how close each endpoint comes to what the stack can serve). Every
request goes to 127.0.0.1 only; each endpoint gets a fixed number of requests, bounded in time too.

Then the first render of pages no cache holds yet, one request each, one at a time (the public
page of each earlier year, both areas, both languages; the preliminary report PDF of each earlier
year, both languages): ``NAME n=N p50_ms=N p95_ms=N``.

Then ``registrations``: BENCH_REGISTRATIONS partners (200) register for one meeting at the same
moment, each on its own connection, as partners do through the invitation link (the form first,
untimed, then the timed POST). Prints registrations per second (all of them over the time from
the first POST to the last answer), p50 and p95 of the POSTs, and whether the seats came out
exact (the seat counter equals the confirmed registrations, none over the seats). The goal
(issue 20): at least 100 per second and p95 under 1 s. ``BENCH_ONLY=registrations`` measures
only these (and the limit and health endpoints).
"""

import base64
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))  # per endpoint
TIME_LIMIT = float(os.environ.get("BENCH_SECONDS", "20"))  # per endpoint, at most
WORKERS = os.environ.get("BENCH_WORKERS", "3")
ROUNDS = 5
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "200"))
SECOND_AREA = "skarholmen"  # made by bench/generate.py


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def redis_up() -> bool:
    try:
        with socket.create_connection((HOST, 6379), timeout=0.5):
            return True
    except OSError:
        return False


def run(cmd: list[str], env: dict) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def get(port: int, path: str, cookie: str | None, timeout: float = 10) -> tuple[int, float]:
    headers = {"Host": f"{HOST}:{port}", "X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, (time.perf_counter() - started) * 1000


def registration_form(port: int, path: str) -> tuple[str, str]:
    """A partner opens the invitation link: the CSRF cookie and the form's token."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request(
        "GET", path, headers={"Host": f"{HOST}:{port}", "X-Forwarded-Proto": "https"}
    )
    response = connection.getresponse()
    html = response.read().decode()
    connection.close()
    if response.status != 200:
        sys.exit(f"{path} answered {response.status}")
    cookies = [
        header.split(";", 1)[0]
        for name, header in response.getheaders()
        if name.lower() == "set-cookie"
    ]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return "; ".join(cookies), token


def register(port: int, path: str, cookie: str, token: str, n: int) -> tuple[bool, float]:
    """One partner's registration POST: whether it was taken, and how long it took (ms)."""
    origin = f"https://{HOST}:{port}"
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Partner {n}",
            # Some names are known, some new (each new one made once, then reused).
            "organisation_name": f"Bänkbolaget {n % 25}",
            "organisation_kind": "housing_company",
            "role": "Fastighetsvärd",
            "email": f"partner{n}@example.org",
            "phone": "",
            "consent": "on",
        }
    )
    headers = {
        "Host": f"{HOST}:{port}",
        "X-Forwarded-Proto": "https",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Origin": origin,
        "Referer": origin + path,
    }
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    html = response.read().decode()
    connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status == 200 and REGISTERED_MARK in html, elapsed


REGISTERED_MARK = "Tack för din anmälan"


def measure_registrations(port: int, meeting_token: str) -> dict:
    """REGISTRATIONS partners register for one meeting at once (see the module docstring)."""
    path = f"/moten/{meeting_token}/"
    forms = [registration_form(port, path) for _n in range(REGISTRATIONS)]
    start = threading.Barrier(REGISTRATIONS + 1)
    results: list[tuple[bool, float] | None] = [None] * REGISTRATIONS

    def partner(n: int) -> None:
        start.wait()
        try:
            results[n] = register(port, path, *forms[n], n)
        except OSError:
            results[n] = (False, 0.0)

    threads = [threading.Thread(target=partner, args=(n,)) for n in range(REGISTRATIONS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = sorted(ms for ok, ms in results if ok)
    return {
        "taken": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[int(len(latencies) * 0.95) - 1] if latencies else 0.0,
    }


SEATS_CHECK = """
from django.db.models import Count, Q
from weekend_ops.models import Meeting
m = Meeting.objects.annotate(
    confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
    waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
).get(invitation_token=%r)
exact = m.seats_taken == m.confirmed <= m.seats and (m.waitlisted == 0 or m.confirmed == m.seats)
print(m.confirmed, m.waitlisted, "yes" if exact else "NO")
"""


def warm_up(port: int, path: str, cookie: str | None) -> bool:
    """Warm workers, connections and caches; False for an address this tree does not have yet
    (a 404 on the first request), which is then left out with a note."""
    for attempt in range(30):
        status, _ms = get(port, path, cookie)
        if status == 404 and attempt == 0:
            return False
        if status != 200:
            sys.exit(f"{path} answered {status}")
    return True


def measure(port: int, path: str, cookie: str | None, requests: int) -> tuple[list[float], float]:
    """``requests`` GETs from CONCURRENCY threads: their latencies and the time they took."""
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + TIME_LIMIT / ROUNDS

    def worker():
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            status, ms = get(port, path, cookie)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            with lock:
                latencies.append(ms)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started


WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "6"))


def measure_wrk(port: int, path: str, cookie: str | None) -> dict:
    """One wrk run (C, light on the shared cores): requests, seconds, p50, p95."""
    command = [
        "wrk",
        "-t1",
        f"-c{CONCURRENCY}",
        f"-d{WRK_SECONDS}s",
        "--timeout",
        "5s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, seconds, p50, p95, bad = line.split()[1:]
    if int(bad):
        sys.exit(f"{path}: {bad} bad answers under load")
    return {
        "requests": int(requests),
        "seconds": float(seconds),
        "p50": float(p50),
        "p95": float(p95),
    }


BURST_CLIENTS = int(os.environ.get("BENCH_BURST_CLIENTS", "200"))


def answer_once(port: int, client: int) -> float:
    """One client answers the open round: GET the form (its cookie, CSRF and form token), then
    POST it; the POST's time in ms. Each client has its own address (X-Forwarded-For)."""
    import re

    base = {
        "Host": f"{HOST}:{port}",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": f"10.{client // 250}.{client % 250}.7",
    }
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", "/farsta/trygghetsdialog/", headers=base)
    response = connection.getresponse()
    html = response.read().decode()
    cookies = "; ".join(
        value.split(";", 1)[0] for key, value in response.getheaders() if key == "Set-Cookie"
    )
    field = lambda name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)  # noqa: E731
    district = re.search(r'<select name="district"[^>]*>.*?<option value="(\d+)"', html, re.S)
    body = "&".join(
        [
            f"csrfmiddlewaretoken={field('csrfmiddlewaretoken')}",
            f"token={field('token')}",
            "relations=lives",
            f"district={district.group(1)}",
            "safety_day=fairly_safe",
            "safety_evening=neither",
            "concerns=violence",
        ]
    )
    headers = {
        **base,
        "Cookie": cookies,
        "Origin": f"https://{HOST}:{port}",
        "Referer": f"https://{HOST}:{port}/farsta/trygghetsdialog/",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    started = time.perf_counter()
    connection.request("POST", "/farsta/trygghetsdialog/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 302:
        raise RuntimeError(f"an answer was refused with {response.status}")
    return elapsed


def answer_burst(port: int) -> dict | None:
    """200 clients answer at once (CONCURRENCY at a time): answers per second and the p95."""
    status, _ms = get(port, "/farsta/trygghetsdialog/", None)
    if status != 200:
        print("bench: dialogue burst skipped: no answer form in this tree", flush=True)
        return None
    latencies: list[float] = []
    lock = threading.Lock()
    clients = iter(range(BURST_CLIENTS))

    def worker():
        while True:
            with lock:
                client = next(clients, None)
            if client is None:
                return
            ms = answer_once(port, client)
            with lock:
                latencies.append(ms)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "answers": len(latencies),
        "rate": len(latencies) / elapsed,
        "p95": latencies[int(len(latencies) * 0.95) - 1],
    }


def first_renders(port: int, paths: list[str], cookie: str | None) -> list[float]:
    """One GET of each path (none of them asked before, so each is made anew): latencies of
    those that answer 200 (a year without data answers 404, a PDF while the portal makes as
    many as it makes at once 503; both are left out)."""
    latencies = []
    for path in paths:
        status, ms = get(port, path, cookie, timeout=60)
        if status == 200:
            latencies.append(ms)
        elif status not in (404, 503):
            sys.exit(f"{path} answered {status}")
    return latencies


def first_render_paths(year: int) -> tuple[list[str], list[str]]:
    """The public pages (both areas, both languages) and the preliminary report PDFs (both
    languages) of each earlier year."""
    earlier = range(year - 9, year)
    public = [
        f"{prefix}{area}?year={y}"
        for y in earlier
        for prefix in ("/", "/en/")
        for area in ("", f"{SECOND_AREA}/")
    ]
    pdfs = [f"{prefix}personal/uppfoljning/{y}.pdf" for y in earlier for prefix in ("/", "/en/")]
    return public, pdfs


def percentiles(latencies: list[float]) -> tuple[float, float]:
    """p50 and p95 of a non-empty list of latencies."""
    ordered = sorted(latencies)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def summary(latencies: list[float], elapsed: float) -> dict:
    latencies = sorted(latencies)
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
    }


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="medborgarloften-bench-"))
    secret = secrets.token_urlsafe(50)
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secret,
        "PORTAL_MFA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
        ),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "CACHE_URL": "rediscache://127.0.0.1:6379/15" if redis_up() else "locmemcache://bench",
        "EMAIL_URL": "consolemail://",
        "DJANGO_DEFAULT_FROM_EMAIL": "bench@localhost",
        "PORTAL_BASE_URL": f"http://{HOST}",
        "PORTAL_RELEASE": secrets.token_hex(4),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "ERROR",  # no line for the 404 of an address not built yet
        # The answer burst comes from 200 clients, each named by X-Forwarded-For.
        "PORTAL_TRUSTED_PROXIES": "1",
        # Every bench partner comes from 127.0.0.1: the per-address limit is not measured here.
        "MEETING_REGISTRATION_RATE_LIMIT": str(REGISTRATIONS * 10),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    python = sys.executable
    print(
        f"bench: database and data in {workdir} ({env['CACHE_URL'].split(':')[0]} cache)",
        flush=True,
    )
    run(
        [python, "manage.py", "migrate", "--noinput", "-v0"],
        {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
    )
    t = time.perf_counter()
    generated = run(
        [python, "bench/generate.py"], {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    ).split()
    session = generated[-1]
    meeting_token = (
        generated[generated.index("registration-meeting") + 1]
        if "registration-meeting" in generated
        else None
    )
    print(
        f"bench: ten years of data in two areas generated in {time.perf_counter() - t:.0f} s",
        flush=True,
    )
    run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        {**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
    )
    port = free_port()
    limit_port = free_port()
    # The same gunicorn settings, serving a bare WSGI callable: the stack's limit.
    limit_server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "bench.limit_app:application",
            "--workers",
            WORKERS,
            "--bind",
            f"{HOST}:{limit_port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            WORKERS,
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
    )
    try:
        for each_port in (port, limit_port):
            for _ in range(100):
                try:
                    if get(each_port, "/healthz", None)[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
        year = time.localtime().tm_year
        endpoints = [
            ("limit", "/", None),  # served by limit_server
            ("health", "/healthz", None),
            ("public", f"/?year={year}", None),
            ("api", f"/api/v1/progress/?year={year}", None),
            ("dashboard", f"/personal/?year={year}", f"__Host-sessionid={session}"),
            ("national", "/lokalpolisomraden/", None),
            (f"public-{SECOND_AREA}", f"/{SECOND_AREA}/?year={year}", None),
            (
                f"api-{SECOND_AREA}",
                f"/api/v1/areas/{SECOND_AREA}/progress/?year={year}",
                None,
            ),
            # Last year's trygghetsdialog, 50,000 answers: its results page and its API.
            ("dialogue-results", f"/farsta/trygghetsdialog/resultat/?year={year - 1}", None),
            ("dialogue-api", f"/api/v1/areas/farsta/dialogue/?year={year - 1}", None),
        ]
        if os.environ.get("BENCH_ONLY") == "registrations":
            # limit and health only: the quick way to measure registrations
            endpoints = endpoints[:2]
        present = []
        for name, path, cookie in endpoints:
            if warm_up(limit_port if name == "limit" else port, path, cookie):
                present.append((name, path, cookie))
            else:
                print(f"bench: {name} skipped: {path} answers 404 in this tree", flush=True)
        endpoints = present
        # Rounds that take the endpoints in turn, so that a slow patch of the machine (the
        # load generator shares its cores) falls on all of them alike.
        if shutil.which("wrk"):
            print("bench: load from wrk", flush=True)
            runs = {name: [] for name, _path, _cookie in endpoints}
            for _round in range(2):
                for name, path, cookie in endpoints:
                    target = limit_port if name == "limit" else port
                    runs[name].append(measure_wrk(target, path, cookie))
            results = {
                name: {
                    "rps": sum(r["requests"] for r in rs) / sum(r["seconds"] for r in rs),
                    "p50": statistics.median(r["p50"] for r in rs),
                    "p95": max(r["p95"] for r in rs),
                }
                for name, rs in runs.items()
            }
        else:
            print("bench: load from Python threads (install wrk for steadier figures)", flush=True)
            collected = {name: ([], 0.0) for name, _path, _cookie in endpoints}
            for _round in range(ROUNDS):
                for name, path, cookie in endpoints:
                    target = limit_port if name == "limit" else port
                    latencies, elapsed = measure(target, path, cookie, REQUESTS // ROUNDS)
                    collected[name] = (collected[name][0] + latencies, collected[name][1] + elapsed)
            results = {name: summary(*values) for name, values in collected.items()}
        burst = answer_burst(port) if os.environ.get("BENCH_ONLY") != "registrations" else None
        registrations = measure_registrations(port, meeting_token) if meeting_token else None
        # First renders: pages no cache holds yet, one request each, one at a time.
        cold = {}
        if os.environ.get("BENCH_ONLY") != "registrations":
            cold_public, cold_pdf = first_render_paths(year)
            cold = {
                "public-first-render": first_renders(port, cold_public, None),
                "report-pdf-first-render": first_renders(
                    port, cold_pdf, f"__Host-sessionid={session}"
                ),
            }
    finally:
        for each_server in (server, limit_server):
            each_server.terminate()
        for each_server in (server, limit_server):
            try:
                each_server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a loaded machine: do not lose the figures for it
                each_server.kill()
                each_server.wait()
    limit = results["limit"]["rps"]
    for name, r in results.items():
        print(
            f"{name} rps={r['rps']:.0f} p50_ms={r['p50']:.1f} p95_ms={r['p95']:.1f} "
            f"ratio={r['rps'] / limit:.2f}"
        )
    for name, latencies in cold.items():
        if latencies:
            p50, p95 = percentiles(latencies)
            print(f"{name} n={len(latencies)} p50_ms={p50:.1f} p95_ms={p95:.1f}")
    if burst:
        print(
            f"dialogue-burst answers={burst['answers']} answers_per_s={burst['rate']:.0f} "
            f"p95_ms={burst['p95']:.1f}"
        )
    if registrations is not None:
        confirmed, waitlisted, exact = run(
            [python, "manage.py", "shell", "-c", SEATS_CHECK % meeting_token],
            {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        ).split()[-3:]
        r = registrations
        print(
            f"registrations n={REGISTRATIONS} taken={r['taken']} rps={r['rps']:.0f} "
            f"p50_ms={r['p50']:.1f} p95_ms={r['p95']:.1f} confirmed={confirmed} "
            f"waitlisted={waitlisted} seats_exact={exact}"
        )


if __name__ == "__main__":
    main()
