"""The container image, built and started where no container engine runs.

The Dockerfile's build stage runs `bin/image-build` and nothing else (checked below), so
running that script on a copy of the build context (what .dockerignore lets through) in a
clean virtual environment of the base image's Python version builds what the image holds.
The app then starts from that result through `bin/docker-entrypoint`, in each of its roles,
with the runtime stage's ENV (its paths mapped into a temporary folder) and nothing of this
test's environment: it migrates, serves the APIs, the probes, /metrics and the static files,
writes nothing outside the writable places (the chart mounts the root filesystem
read-only), and a worker runs a task and serves its metrics.
"""

from __future__ import annotations

import fnmatch
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from common.server import free_port

ROOT = Path(settings.BASE_DIR)


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def args(self, instruction: str) -> list[str]:
        return [args for name, args in self.instructions if name == instruction]

    def env(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for args in self.args("ENV"):
            for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', args):
                values[key] = value.strip('"')
        return values


def dockerfile() -> tuple[dict[str, str], list[Stage]]:
    """(global ARG defaults, the stages), continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    arguments: dict[str, str] = {}
    stages: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, args = line.partition(" ")
        instruction, args = instruction.upper(), " ".join(args.split())
        if instruction == "ARG" and not stages:
            name, _, default = args.partition("=")
            arguments[name] = default
        elif instruction == "FROM":
            base, _, name = args.partition(" AS ")
            stages.append(Stage(name=name.strip(), base=re.sub(r"\$\{(\w+)\}", lambda m: arguments[m[1]], base)))
        else:
            stages[-1].instructions.append((instruction, args))
    return arguments, stages


def test_the_dockerfile_builds_with_the_tested_script_and_runs_unprivileged():
    _, stages = dockerfile()
    build, runtime = stages
    assert (build.name, runtime.name) == ("build", "runtime")
    assert build.base == runtime.base and re.fullmatch(r"python:3\.11-slim-\w+", build.base)
    # Every RUN of the build stage is a step of bin/image-build: what the test below runs.
    assert build.args("RUN") == ["bin/image-build deps /opt/venv", "bin/image-build app /opt/venv"]
    steps = [(name, args) for name, args in build.instructions if name in ("COPY", "RUN")]
    assert steps.index(("COPY", ". .")) < steps.index(("RUN", "bin/image-build app /opt/venv"))
    # Non-root, by a numeric uid a securityContext can check (runAsNonRoot).
    user = runtime.args("USER")[-1].split(":")[0]
    assert user.isdigit() and int(user) > 0
    assert runtime.args("ENTRYPOINT") == ['["/app/bin/docker-entrypoint"]'] and runtime.args("CMD") == ['["web"]']
    # No secret is baked in: none set, and no state of a run copied.
    names = " ".join(runtime.env()) + " " + " ".join(build.env())
    assert not re.search(r"SECRET|PASSWORD|TOKEN|KEY", names)
    assert not any("secrets" in args or "var" in args.split()[0] for args in runtime.args("COPY"))
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var"} <= set(ignored)


def _ignored(path: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatch(part, pattern[3:]) for part in path.split("/")):
                return True
        elif fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/"):
            return True
    return False


def build_context(target: Path) -> None:
    """The files `COPY . .` sees: the working tree less what .dockerignore names."""
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()[:1] not in ("", "#")
    ]
    for dirpath, dirnames, filenames in os.walk(ROOT):
        relative_dir = os.path.relpath(dirpath, ROOT)
        relative_dir = "" if relative_dir == "." else relative_dir + "/"
        dirnames[:] = [name for name in dirnames if not _ignored(relative_dir + name, patterns)]
        for name in filenames:
            if not _ignored(relative_dir + name, patterns):
                (target / relative_dir).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(dirpath) / name, target / relative_dir / name)


@dataclass
class Image:
    app: Path
    venv: Path
    env: dict[str, str]
    scratch: Path

    def run(self, role: str, *args: str, **env: str) -> subprocess.Popen:
        log = open(self.scratch / f"{role}.log", "ab")  # noqa: SIM115 - the process writes to it
        return subprocess.Popen(
            [str(self.app / "bin" / "docker-entrypoint"), role, *args],
            env={**self.env, **env},
            cwd="/",
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self, role: str) -> str:
        path = self.scratch / f"{role}.log"
        return path.read_text() if path.exists() else ""


def _python_of(base: str) -> str:
    version = re.match(r"python:(\d+\.\d+)", base)[1]
    found = shutil.which(f"python{version}")
    if not found:
        pytest.skip(f"python{version} (the image's Python) is not installed here")
    return found


def _files(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Image:
    _, stages = dockerfile()
    build, runtime = stages
    scratch = tmp_path_factory.mktemp("image")
    app, venv = scratch / "app", scratch / "opt-venv"
    app.mkdir()
    build_context(app)
    shell_env = {"PATH": os.environ["PATH"], "HOME": str(scratch), "PYTHON": _python_of(build.base)}
    for step in ("deps", "app"):
        done = subprocess.run(
            [str(app / "bin" / "image-build"), step, str(venv)], env=shell_env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"bin/image-build {step}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"

    # The runtime stage's ENV, its paths mapped: /app is the built tree, /opt/venv the
    # environment, /app/var a writable volume, /tmp scratch.
    paths = {"/app/var": str(scratch / "var"), "/app": str(app), "/opt/venv": str(venv), "/tmp": str(scratch / "tmp")}
    inside = re.compile(r"(?<![^:])(" + "|".join(re.escape(path) for path in paths) + r")(?=/|:|$)")
    env = {
        key: inside.sub(lambda match: paths[match[1]], value).replace("$PATH", os.environ["PATH"])
        for key, value in runtime.env().items()
    }
    assert env["PATH"].startswith(str(venv / "bin") + ":"), env["PATH"]
    (scratch / "var").mkdir()
    (scratch / "tmp").mkdir()
    port = free_port()
    env |= {
        "HOME": str(scratch / "tmp"),
        "TMPDIR": str(scratch / "tmp"),
        "PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{scratch / 'var' / 'levensloop.sqlite3'}",
        # What the chart's Secret provides; never the image.
        "SECRET_KEY": secrets.token_urlsafe(64),
        "API_CLIENT_SECRET": secrets.token_urlsafe(48),
    }
    return Image(app=app, venv=venv, env=env, scratch=scratch)


def test_the_built_environment_holds_the_pinned_runtime_packages_only(image):
    pins = {line.strip().lower() for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line}
    frozen = subprocess.run(
        [str(image.venv / "bin" / "python"), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout.lower()
    installed = {line.strip() for line in frozen.splitlines() if "==" in line}
    assert installed <= pins, installed - pins
    names = {line.split("==")[0].replace("_", "-") for line in installed}
    assert {"django", "gunicorn", "celery", "psycopg-binary", "structlog", "django-storages", "boto3"} <= names
    assert not names & {"pytest", "ruff", "schemathesis", "selenium", "moto"}, "no test tools in the image"
    # Static files collected at build, nothing of a run kept: no var/, no generated secrets.
    assert (image.app / "static" / "admin" / "css" / "base.css").is_file()
    assert not (image.app / "var").exists()
    assert not list(image.app.rglob("secrets.json"))


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for(url: str, process: subprocess.Popen, log: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"it stopped:\n{log}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def test_migrate_then_web_serves_apis_probes_metrics_and_static_files(image):
    before = _files(image.app)
    migrate = image.run("migrate")
    assert migrate.wait(timeout=300) == 0, image.log("migrate")
    web = image.run("web")
    base = image.env["SITE_URL"]
    try:
        _wait_for(f"{base}/healthz", web, image.log("web"))
        ready = httpx.get(f"{base}/readyz")
        assert ready.status_code == 200, ready.text
        assert httpx.get(f"{base}/zaken/api/v1/").status_code == 200
        css = httpx.get(f"{base}/static/admin/css/base.css")
        assert css.status_code == 200 and "text/css" in css.headers["content-type"]
        for _ in range(6):
            httpx.get(f"{base}/catalogi/api/v1/", headers={"X-Request-ID": "vanuit-de-test"})
        scraped = httpx.get(f"{base}/metrics")
        samples = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(scraped.text)
            for sample in family.samples
        }
        labels = (("api", "catalogi"), ("method", "GET"), ("route", "api-root"), ("status", "200"))
        assert samples[("levensloop_http_requests_total", labels)] == 6  # whichever gunicorn worker answered
    finally:
        _stop(web)
    # JSON lines, the request id in them
    lines = [line for line in image.log("web").splitlines() if "vanuit-de-test" in line]
    assert len(lines) == 6 and all(line.startswith('{"event": "request_finished"') for line in lines)
    # Nothing was written into the image's tree: a read-only root filesystem suffices.
    assert _files(image.app) == before


@pytest.mark.django_db(transaction=True)
def test_worker_runs_tasks_and_serves_their_metrics_and_beat_starts(image, broker):
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url.startswith("redis://"):
        pytest.skip("needs a Redis broker (CELERY_BROKER_URL), as in CI")
    import redis

    from config.celery import app as celery_app

    redis.Redis.from_url(broker_url).delete("celery")
    migrate = image.run("migrate")
    assert migrate.wait(timeout=300) == 0, image.log("migrate")
    metrics_port = free_port()
    worker = image.run("worker", CELERY_BROKER_URL=broker_url, CELERY_METRICS_PORT=str(metrics_port))
    beat = image.run("beat", CELERY_BROKER_URL=broker_url)
    try:
        _wait_for(f"http://127.0.0.1:{metrics_port}/metrics", worker, image.log("worker"))
        broker(broker_url)
        for _ in range(3):
            celery_app.send_task("common.tasks.relay_pending_notifications")
        deadline = time.monotonic() + 60
        done = 0.0
        while time.monotonic() < deadline and done < 3:
            text = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics").text
            done = sum(
                sample.value
                for family in text_string_to_metric_families(text)
                for sample in family.samples
                if sample.name == "levensloop_celery_tasks_total"
                and sample.labels == {"task": "common.tasks.relay_pending_notifications", "state": "SUCCESS"}
            )
            time.sleep(0.5)
        assert done == 3, image.log("worker")[-3000:]
        assert beat.poll() is None, image.log("beat")
        assert '"event": "beat: Starting..."' in image.log("beat")
    finally:
        _stop(worker)
        _stop(beat)
        redis.Redis.from_url(broker_url).delete("celery")
