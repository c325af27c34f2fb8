"""Check the chart with real Helm, once per values file; prints one JSON report per file.

Runs in `.venv-helm` (Python 3.12, requirements-helm.lock; `bin/check-chart` starts it):
- lint with the Helm v4 library (helm-sdkpy). Its Lint takes a chart path and no values
  file, so each values file is linted as the values.yaml of a copy of the chart (the
  chart's own defaults are in that file already: a values file here is complete). Its
  messages lose their text on the way to Python, so `helm lint --strict` of the Helm v3
  binary (helm-binary) runs beside it for readable messages; both must pass;
- render with `helm template` of the Helm v3 binary (helm-sdkpy has no render call), hooks
  included, for the Kubernetes version the chart's kubeVersion starts at and the newest
  kubernetes-validate ships;
- validate every rendered manifest against that version's Kubernetes schemas in strict mode
  (kubernetes-validate: unknown fields are errors).

    bin/check-chart [VALUES_FILE ...]   default: helm/levensloop/ci/*-values.yaml
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import kubernetes_validate
import yaml
from helm_sdkpy import Configuration
from helm_sdkpy.chart import Lint

CHART = Path(__file__).resolve().parent / "levensloop"
HELM = Path(sys.executable).with_name("helm")
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest the
# validator knows.
KUBERNETES_VERSIONS = ("1.27.0", "1.37.0")
ERROR = 3  # Helm's lint severity for errors (support.ErrorSev)


def lint_v4(values: Path) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        chart = Path(scratch) / CHART.name
        shutil.copytree(CHART, chart)
        shutil.copyfile(values, chart / "values.yaml")
        result = asyncio.run(Lint(Configuration(namespace="levensloop")).run(str(chart)))
    severities = [message.get("Severity", 0) for message in result.get("Messages") or []]
    return {
        "ok": not result.get("Errors") and max(severities, default=0) < ERROR,
        "severities": severities,
        "errors": result.get("Errors"),
    }


def lint_v3(values: Path) -> dict:
    done = subprocess.run(
        [str(HELM), "lint", str(CHART), "--strict", "--values", str(values)], capture_output=True, text=True
    )
    return {"ok": done.returncode == 0, "output": (done.stdout + done.stderr).strip()}


def render(values: Path, kubernetes_version: str) -> tuple[list[dict], str]:
    done = subprocess.run(
        [
            str(HELM),
            "template",
            "levensloop",
            str(CHART),
            "--namespace",
            "levensloop",
            "--values",
            str(values),
            "--kube-version",
            kubernetes_version,
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return [], (done.stdout + done.stderr).strip()
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc], ""


def validate(manifests: list[dict], kubernetes_version: str) -> list[str]:
    problems = []
    for manifest in manifests:
        name = f"{manifest.get('kind')}/{manifest.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(manifest, kubernetes_version, strict=True)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{name}: {error.message} at {'/'.join(str(p) for p in error.path)}")
        except Exception as error:  # no schema for the kind, unsupported version: report, never pass
            problems.append(f"{name}: {type(error).__name__}: {error}")
    return problems


def check(values: Path) -> dict:
    report: dict = {"values": str(values), "lint_v4": lint_v4(values), "lint_v3": lint_v3(values), "render": {}}
    for version in KUBERNETES_VERSIONS:
        manifests, error = render(values, version)
        report["render"][version] = {
            "error": error,
            "manifests": manifests,
            "invalid": validate(manifests, version) if manifests else [],
        }
    return report


def main(arguments: list[str]) -> int:
    files = [Path(a) for a in arguments] or sorted((CHART / "ci").glob("*-values.yaml"))
    failed = False
    for values in files:
        report = check(values)
        print(json.dumps(report))
        renders = report["render"].values()
        failed |= not (report["lint_v4"]["ok"] and report["lint_v3"]["ok"])
        failed |= any(r["error"] or r["invalid"] for r in renders)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
