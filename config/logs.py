"""How every process logs: one line per event, JSON in production, readable in development.

The code logs with the standard library, an event name as the message and its context as
`extra` (`logger.info("zaak_created", extra={"zaak": url})`); structlog's ProcessorFormatter
turns such a record into `{"event": "zaak_created", "zaak": ..., "request_id": ...}`. The
request id (and anything else bound with `structlog.contextvars`) joins every line written
while it is bound: the request's, the Celery task's, the in-process provider's.

Django's settings (`LOGGING`) and gunicorn (`logconfig_dict` in config/gunicorn.py) both use
`logging_config`, so the server's own lines have the same shape. Nothing here imports
Django: gunicorn's master reads it before Django starts.
"""

from __future__ import annotations

from typing import Any

import structlog

LOG_FORMATS = ("json", "console")

# Before the renderer: what every line carries, whether it came from `logging` or structlog.
_SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.ExtraAdder(),
]


def _renderer(log_format: str) -> Any:
    if log_format == "console":
        return structlog.dev.ConsoleRenderer(colors=False)
    return structlog.processors.JSONRenderer()


def formatter(log_format: str) -> dict[str, Any]:
    """The `logging` formatter (dictConfig form) that renders records as `log_format`."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}.")
    processors = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if log_format == "json":
        # A traceback becomes one string field of the line, not lines of its own.
        processors.append(structlog.processors.format_exc_info)
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "processors": [*processors, _renderer(log_format)],
        "foreign_pre_chain": _SHARED_PROCESSORS,
    }


def logging_config(*, log_format: str, level: str = "INFO") -> dict[str, Any]:
    """The dictConfig for a process: everything to stderr through one structured formatter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": formatter(log_format)},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            # every in-process call between the apps would otherwise log a line
            "httpx": {"level": "WARNING"},
            # gunicorn's own lines go through the root handler, in the same shape
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            # its access line repeats `request_finished` with a time in the local zone; the
            # logs keep one time, the UTC `timestamp`
            "gunicorn.access": {"level": level, "handlers": [], "propagate": False},
        },
    }


def configure_structlog() -> None:
    """Code that logs through structlog (`structlog.get_logger()`) ends in the same handlers."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.filter_by_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def default_format(debug: bool) -> str:
    return "console" if debug else "json"
