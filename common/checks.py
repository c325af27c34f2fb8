"""System checks that stop a production start with secrets anyone can read.

Error level, so `migrate`, `runserver` and `check --deploy` refuse, and `config/wsgi.py` and
the Celery app run the same check before they serve anything.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

from config.secrets import REPOSITORY_DEFAULTS

# Lengths below which a secret counts as guessable. Django's own deploy check asks 50
# characters of SECRET_KEY; a JWT-ZGW HS256 secret should have at least 256 bits.
MIN_LENGTH = {"SECRET_KEY": 50, "API_CLIENT_SECRET": 32}


def weak_secret_errors() -> list[Error]:
    """One error per secret that is a repository default or too short (only with DEBUG off)."""
    if settings.DEBUG:
        return []
    errors = []
    for name, minimum in MIN_LENGTH.items():
        value = str(getattr(settings, name, "") or "")
        if value in REPOSITORY_DEFAULTS or value.startswith("django-insecure-"):
            reason = "is a default value written in the repository: anyone can read it"
        elif len(value) < minimum:
            reason = f"is shorter than {minimum} characters: it can be guessed"
        else:
            continue
        errors.append(
            Error(
                f"{name} {reason}.",
                hint=f"Unset {name} to have one generated in var/secrets.json, or set a random value of "
                f"at least {minimum} characters.",
                id=f"levensloop.E00{list(MIN_LENGTH).index(name) + 1}",
            )
        )
    return errors


@register("security", deploy=False)
def check_secrets(app_configs=None, **kwargs) -> list[Error]:
    return weak_secret_errors()


def refuse_weak_secrets() -> None:
    """Stop a process that is about to serve with a weak secret."""
    from django.core.exceptions import ImproperlyConfigured

    errors = weak_secret_errors()
    if errors:
        raise ImproperlyConfigured("; ".join(f"{error.msg} {error.hint}" for error in errors))


@register("compatibility", deploy=False)
def check_deprecated_settings(app_configs=None, **kwargs) -> list[Warning]:
    """A warning per former setting name still in the environment (config/settings.py)."""
    import os

    return [
        Warning(
            f"{former} is deprecated: it is read as {name}.",
            hint=f"Rename {former} to {name} (docs/configuration.md).",
            id="levensloop.W001",
        )
        for former, name in getattr(settings, "DEPRECATED_SETTINGS", {}).items()
        if os.environ.get(former)
    ]
