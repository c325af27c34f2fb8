"""No value from the repository grants access: generated secrets, and the start-up check."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from common.auth import jwt_encode
from config.secrets import REPOSITORY_DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
URL = "/autorisaties/api/v1/applicaties"
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".ruff_cache", ".pytest_cache"}


def _repository_files():
    for path in ROOT.rglob("*"):
        if path.is_file() and not SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
            yield path


def _string_literals(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip()
    }


def _settings_of(var_dir: Path, **extra: str) -> tuple[int, str]:
    """Load the settings in a fresh interpreter, as a start would, without secrets in the env."""
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "API_CLIENT_SECRET"}}
    environment.update(VAR_DIR=str(var_dir), **extra)
    script = "from config import settings as s; print(s.SECRET_KEY); print(s.API_CLIENT_SECRET)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout + result.stderr


def test_a_token_signed_with_any_secret_from_the_repository_is_refused(client, db):
    """The internal client (made by migrate, with every autorisatie) answers only to the
    deployment's own secret: not to a default the settings spell out, nor to any string the
    configuration code holds, and the secret itself is in no file of the repository."""
    candidates = set(REPOSITORY_DEFAULTS) | {"secret", "test-secret", settings.API_CLIENT_ID}
    for path in (ROOT / "config").glob("*.py"):
        candidates |= _string_literals(path)
    candidates.discard(settings.API_CLIENT_SECRET)

    def status(secret: str) -> int:
        token = jwt_encode(settings.API_CLIENT_ID, secret, user_id="aanvaller")
        return client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}").status_code

    assert status(settings.API_CLIENT_SECRET) == 200
    accepted = [secret for secret in sorted(candidates) if status(secret) != 401]
    assert accepted == []
    for path in _repository_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        assert settings.API_CLIENT_SECRET not in text, path
        assert settings.SECRET_KEY not in text, path


def test_secrets_are_generated_once_and_kept(tmp_path):
    first = _settings_of(tmp_path)
    second = _settings_of(tmp_path)
    other = _settings_of(tmp_path / "elders")

    assert first[0] == 0, first[1]
    assert first == second
    secret_key, client_secret = first[1].split()
    assert len(secret_key) >= 50 and len(client_secret) >= 32
    assert other[1].split() != [secret_key, client_secret]
    stored = tmp_path / "secrets.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert secret_key in stored.read_text() and client_secret in stored.read_text()


def test_a_secret_from_the_environment_is_used_and_not_stored(tmp_path):
    code, output = _settings_of(tmp_path, API_CLIENT_SECRET="x" * 40)
    assert code == 0, output
    assert output.split()[1] == "x" * 40


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("SECRET_KEY", "levensloop-insecure-development-key-change-me-in-production", "levensloop.E001"),
        ("SECRET_KEY", "django-insecure-" + "a" * 50, "levensloop.E001"),
        ("SECRET_KEY", "kort", "levensloop.E001"),
        ("API_CLIENT_SECRET", "levensloop-internal-development-secret-change-me", "levensloop.E002"),
        ("API_CLIENT_SECRET", "secret", "levensloop.E002"),
    ],
)
def test_check_deploy_refuses_a_default_or_short_secret_with_debug_off(settings, name, value, check_id):
    settings.DEBUG = False
    setattr(settings, name, value)
    with pytest.raises(SystemCheckError, match=check_id):
        call_command("check", "--deploy")
    with pytest.raises(SystemCheckError, match=check_id):
        call_command("check")  # error level: also the plain check run by migrate and runserver

    settings.DEBUG = True
    call_command("check")


def test_the_generated_secrets_pass_the_check(settings):
    from common.checks import weak_secret_errors

    settings.DEBUG = False
    assert weak_secret_errors() == []


def test_the_wsgi_application_refuses_to_start_with_a_repository_default(tmp_path):
    code, _output = _settings_of(tmp_path)  # makes the generated secrets
    assert code == 0
    environment = {**os.environ, "VAR_DIR": str(tmp_path), "DEBUG": "0"}
    environment["SECRET_KEY"] = "levensloop-insecure-development-key-change-me-in-production"
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a default value written in the repository" in result.stderr

    del environment["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
