"""The committed OpenAPI contracts: where each lives and how it is generated."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client

from config.urls import API_MOUNTS


def contract_files() -> list[tuple[str, Path]]:
    """(schema URL path, committed file) for every API this project serves."""
    result = []
    for prefix, module, namespace in API_MOUNTS:
        app = module.split(".")[0]
        result.append((f"/{prefix}schema/openapi.yaml", settings.BASE_DIR / app / "openapi" / f"{namespace}.yaml"))
    return result


def contract_generate(url_path: str) -> str:
    response = Client().get(url_path)
    if response.status_code != 200:
        raise RuntimeError(f"{url_path} answered {response.status_code}")
    return response.content.decode()
