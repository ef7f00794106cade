"""What every benchmark needs: a throw-away database, the flask CLI, gunicorn, a load driver, sign-in.

The server is started the same way for the measured routes and for the baseline, and the load
driver is the same for both, so their ratio says what the route costs on this machine.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
USER_AGENT = "penalties-bench"  # the same for sign-in and load: Flask-Login's session check stays quiet
# Counts the answers that are not 200 (wrk itself only reports statuses ≥ 400).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("not200 %d\\n", total))
end
"""


@dataclass
class Database:
    """A database for one benchmark: its URL, the instance folder beside it, how to throw it away."""

    kind: str
    url: str
    instance: Path
    name: str

    def env(self) -> dict:
        return {
            **os.environ,
            "PENALTIES_ENV": "production",
            "SECRET_KEY": self.secret(),
            "PENALTIES_SECURE_COOKIES": "0",  # plain HTTP on the loopback
            "DATABASE_URL": self.url,
            "PENALTIES_INSTANCE": str(self.instance),
            "PYTHONPATH": str(ROOT),
        }

    def secret(self) -> str:
        path = self.instance / "bench-secret"
        if not path.exists():
            self.instance.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
        return path.read_text()

    def drop(self) -> None:
        if self.kind == "postgresql":
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)
        shutil.rmtree(self.instance, ignore_errors=True)

    def exists(self) -> bool:
        if self.kind == "postgresql":
            return bool(_pg_admin(f"SELECT 1 FROM pg_database WHERE datname = '{self.name}'").strip())
        return Path(self.name).exists() and (self.instance / "bench-secret").exists()


def _pg_admin(sql: str) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(
        PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql(sql)
            return "\n".join(str(row[0]) for row in result) if result.returns_rows else ""
    finally:
        engine.dispose()


def database(kind: str, label: str) -> Database:
    """Name the database of a benchmark (SQLite file under /tmp, or a PostgreSQL database)."""
    folder = Path(tempfile.gettempdir()) / "penalties-bench"
    folder.mkdir(exist_ok=True)
    instance = folder / f"{kind}-{label}-instance"
    if kind == "postgresql":
        name = f"penalties_bench_{label}"
        return Database(kind, re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN_URL), instance, name)
    path = folder / f"{label}.sqlite"
    return Database(kind, f"sqlite:///{path}", instance, str(path))


def create(db: Database) -> None:
    """Throw away any database of that name and create an empty one."""
    db.drop()
    if db.kind == "postgresql":
        _pg_admin(f'CREATE DATABASE "{db.name}"')
    db.secret()


def flask(db: Database, *args: str, capture: bool = False) -> str:
    """Run `flask --app wsgi ARGS` on the database; return its standard output when captured."""
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *args]
    result = subprocess.run(command, cwd=ROOT, env=db.env(), check=True, text=True, capture_output=capture)
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(db: Database, app: str, workers: int = 2, log: Path | None = None):
    """Serve `app` with gunicorn (sync workers) on a free local port; yield the port."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync"]
    command += ["--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--error-logfile", str(log or os.devnull), app]
    server = subprocess.Popen(command, cwd=ROOT, env=db.env())
    try:
        _wait_for(port, "/bench/bare", server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for(port: int, path: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped; see its log")
        try:
            if request(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")


def drain(port: int) -> None:
    """Wait until the server answers the bare route at once: no slow request of the last load is left queued."""
    quick = 0
    while quick < 3:
        started = time.monotonic()
        request(port, "/bench/bare")
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0


def request(port: int, path: str, headers: dict | None = None, form: dict | None = None):
    """Make one request; return (status, headers, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        body = urlencode(form) if form is not None else None
        heads = {"User-Agent": USER_AGENT, **(headers or {})}
        if form is not None:
            heads["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request("POST" if form is not None else "GET", path, body=body, headers=heads)
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in through the login form; return the Cookie header of the session."""
    status, headers, html = request(port, "/login")
    cookie = _session_cookie(headers)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    form = {"csrf_token": token.group(1) if token else "", "username": username, "password": password}
    status, headers, _ = request(port, "/login", {"Cookie": cookie}, form=form)
    if status != 302:
        raise RuntimeError(f"sign-in as {username} failed ({status})")
    return _session_cookie(headers)


def _session_cookie(headers) -> str:
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("session="):
            return value.split(";", 1)[0]
    raise RuntimeError("no session cookie")


@dataclass
class Rate:
    rps: float
    latency_ms: float
    not_ok: int


def measure(port: int, path: str, headers: dict, seconds: float, connections: int) -> Rate:
    """Return the throughput of GET path over `seconds` (wrk if installed, else a Python driver)."""
    if shutil.which("wrk"):
        return _wrk(port, path, headers, seconds, connections)
    return _python_driver(port, path, headers, seconds, connections)


def _wrk(port: int, path: str, headers: dict, seconds: float, connections: int) -> Rate:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "--threads", "1", "--connections", str(connections), "--duration", f"{max(1, round(seconds))}s"]
    command += ["--timeout", "30s", "--script", script.name]
    for name, value in {"User-Agent": USER_AGENT, **headers}.items():
        command += ["--header", f"{name}: {value}"]
    try:
        out = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True)
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)", out.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
    not_ok = int(re.search(r"not200 (\d+)", out.stdout).group(1))
    return Rate(rps, float(latency.group(1)) * scale, not_ok)


def _python_driver(port: int, path: str, headers: dict, seconds: float, connections: int) -> Rate:
    """A fallback load driver: `connections` threads, one request after the other each."""
    done, not_ok, latencies, lock = [0], [0], [], threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop:
            started = time.monotonic()
            status = request(port, path, headers)[0]
            with lock:
                done[0] += 1
                not_ok[0] += status != 200
                latencies.append(time.monotonic() - started)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return Rate(done[0] / elapsed, statistics.fmean(latencies) * 1000 if latencies else 0.0, not_ok[0])
