"""The committed Zaken and Besluiten API schemas, compared mechanically with the standards."""

from __future__ import annotations

from pathlib import Path

OPENAPI = Path(__file__).resolve().parents[1] / "openapi"
