"""The Helm chart, checked with real Helm (helm/check_chart.py in .venv-helm): lint with the
Helm v4 library and the Helm v3 binary, render with `helm template`, every manifest valid
against the Kubernetes schemas (strict) of the oldest and newest supported Kubernetes; what
each values file renders; and wrong values refused by values.schema.json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CHART = ROOT / "helm" / "levensloop"
PYTHON = ROOT / ".venv-helm" / "bin" / "python"

pytestmark = pytest.mark.skipif(
    not PYTHON.exists(), reason="no .venv-helm: bin/setup makes it when Python 3.12 is installed"
)


def check(*values: Path) -> list[dict]:
    done = subprocess.run(
        [str(PYTHON), str(ROOT / "helm" / "check_chart.py"), *map(str, values)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def variant(tmp_path: Path, name: str, change) -> Path:
    """The default CI values with `change(values)` applied, as a file."""
    values = yaml.safe_load((CHART / "ci" / "default-values.yaml").read_text())
    change(values)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


def manifests(report: dict, version: str = "1.37.0") -> list[dict]:
    return report["render"][version]["manifests"]


def of_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    """The CI values files (helm/levensloop/ci), checked once."""
    return {Path(report["values"]).name.removesuffix("-values.yaml"): report for report in check()}


def test_every_ci_values_file_lints_renders_and_validates(reports):
    assert set(reports) == {"default", "production", "split"}
    for name, report in reports.items():
        assert report["lint_v4"]["ok"], (name, report["lint_v4"])
        assert report["lint_v3"]["ok"], (name, report["lint_v3"]["output"])
        for version, render in report["render"].items():
            assert not render["error"], (name, version, render["error"])
            assert render["manifests"], (name, version)
            assert render["invalid"] == [], (name, version, render["invalid"])


def _containers(doc: dict) -> list[dict]:
    return doc["spec"]["template"]["spec"]["containers"]


def test_default_install(reports):
    docs = manifests(reports["default"])
    deployments = of_kind(docs, "Deployment")
    assert set(deployments) == {"levensloop-web", "levensloop-worker", "levensloop-beat"}
    beat = deployments["levensloop-beat"]
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"] == {"type": "Recreate"}
    web = _containers(deployments["levensloop-web"])[0]
    assert web["args"] == ["web"]
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert web["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["resources"]["requests"] and web["resources"]["limits"]

    # The migration Job runs before install and upgrade, with hook copies of its config.
    job = of_kind(docs, "Job")["levensloop-migrate"]
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert _containers(job)[0]["args"] == ["migrate"]
    refs = {ref.get("configMapRef", ref.get("secretRef"))["name"] for ref in _containers(job)[0]["envFrom"]}
    assert refs == {"levensloop-migrate", "levensloop-secrets-migrate"}
    for kind, name in (("ConfigMap", "levensloop-migrate"), ("Secret", "levensloop-secrets-migrate")):
        hook = of_kind(docs, kind)[name]["metadata"]["annotations"]
        assert hook["helm.sh/hook"] == "pre-install,pre-upgrade" and int(hook["helm.sh/hook-weight"]) < 0
    assert of_kind(docs, "ConfigMap")["levensloop-migrate"]["data"] == of_kind(docs, "ConfigMap")["levensloop"]["data"]

    # Non-root, read-only root filesystem; writable only emptyDir scratch and the files claim.
    for doc in [*deployments.values(), job]:
        pod = doc["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
        for container in pod["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
        for volume in pod["volumes"]:
            assert set(volume) - {"name"} <= {"emptyDir", "persistentVolumeClaim"}
    claim = of_kind(docs, "PersistentVolumeClaim")["levensloop-files"]
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]
    # ReadWriteOnce: every pod that mounts it is kept on one node.
    for name in ("levensloop-web", "levensloop-worker"):
        affinity = deployments[name]["spec"]["template"]["spec"]["affinity"]["podAffinity"]
        assert affinity["requiredDuringSchedulingIgnoredDuringExecution"][0]["topologyKey"] == "kubernetes.io/hostname"
    assert not of_kind(docs, "HorizontalPodAutoscaler") and not of_kind(docs, "Ingress")
    config = of_kind(docs, "ConfigMap")["levensloop"]["data"]
    assert config["ZAKEN_API_ROOT"] == "https://levensloop.example.nl/zaken/api/v1/"
    assert config["API_IN_PROCESS"] == "true" and config["LOG_FORMAT"] == "json"


def test_production_install(reports):
    docs = manifests(reports["production"])
    assert "Secret" not in {doc["kind"] for doc in docs}, "the existing Secret is used"
    hpas = of_kind(docs, "HorizontalPodAutoscaler")
    assert set(hpas) == {"levensloop-web", "levensloop-worker"}
    assert "replicas" not in of_kind(docs, "Deployment")["levensloop-web"]["spec"], "the autoscaler sets it"
    assert set(of_kind(docs, "PodDisruptionBudget")) == {"levensloop-web", "levensloop-worker"}
    assert of_kind(docs, "Deployment")["levensloop-beat"]["spec"]["replicas"] == 1
    ingress = of_kind(docs, "Ingress")["levensloop"]["spec"]
    assert ingress["tls"][0]["hosts"] == ["zaken.gemeente.example.nl"]
    assert of_kind(docs, "NetworkPolicy")
    config = of_kind(docs, "ConfigMap")["levensloop"]["data"]
    assert config["DOCUMENTEN_STORAGE_BACKEND"] == "storages.backends.s3.S3Storage"
    assert json.loads(config["DOCUMENTEN_STORAGE_OPTIONS"])["bucket_name"] == "levensloop-documenten"
    assert config["SECURE_PROXY_SSL_HEADER"] == "HTTP_X_FORWARDED_PROTO,https"
    assert "affinity" not in of_kind(docs, "Deployment")["levensloop-web"]["spec"]["template"]["spec"]


COMPONENT_APIS = {
    "zaken": {"catalogi", "zaken", "besluiten"},
    "documenten": {"documenten"},
    "archief": {"selectielijst", "archief"},
    "openbaarmaking": {"openbaarmaking"},
    "autorisaties": {"autorisaties"},
}


def _split_layout(docs: list[dict]) -> dict[str, set[str]]:
    """Deployment name -> the APIs its LEVENSLOOP_COMPONENTS names."""
    layout = {}
    for name, doc in of_kind(docs, "Deployment").items():
        env = {item["name"]: item["value"] for item in _containers(doc)[0].get("env", [])}
        if "LEVENSLOOP_COMPONENTS" in env:
            layout[name] = set(env["LEVENSLOOP_COMPONENTS"].split(","))
    return layout


def test_split_runs_each_component_apart_with_the_ingress_routing_each_api_to_it(reports):
    docs = manifests(reports["split"])
    layout = _split_layout(docs)
    assert {name.removeprefix("levensloop-"): apis for name, apis in layout.items()} == COMPONENT_APIS
    assert set(layout) <= set(of_kind(docs, "Service"))
    config = of_kind(docs, "ConfigMap")["levensloop"]["data"]
    assert config["API_IN_PROCESS"] == "false"
    routes = {
        path["path"]: path["backend"]["service"]["name"]
        for rule in of_kind(docs, "Ingress")["levensloop"]["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    for service, apis in layout.items():
        for api in apis:
            assert config[f"{api.upper()}_API_ROOT"] == f"https://levensloop.example.nl/{api}/api/v1/"
            assert routes[f"/{api}/"] == service
    assert routes["/"] == "levensloop-openbaarmaking"  # robots.txt, sitemaps, downloads
    assert of_kind(docs, "Deployment")["levensloop-beat"]["spec"]["replicas"] == 1


def test_split_with_internal_api_roots_points_each_at_its_components_service(tmp_path):
    def split(values):
        values["persistence"]["accessMode"] = "ReadWriteMany"
        values["components"] = {"split": True, "apiRoots": "internal"}

    (report,) = check(variant(tmp_path, "split-internal", split))
    docs = manifests(report)
    assert report["lint_v4"]["ok"] and not report["render"]["1.37.0"]["invalid"]
    config = of_kind(docs, "ConfigMap")["levensloop"]["data"]
    for service, apis in _split_layout(docs).items():
        for api in apis:
            assert config[f"{api.upper()}_API_ROOT"] == f"http://{service}:8000/{api}/api/v1/"


WRONG = {
    "three web pods on a ReadWriteOnce volume": lambda v: v["web"].update(replicaCount=3),
    "web autoscaling on a ReadWriteOnce volume": lambda v: v["web"]["autoscaling"].update(enabled=True),
    "split on a ReadWriteOnce volume": lambda v: v["components"].update(split=True),
    "three web pods with S3 but no shared volume": lambda v: (
        v["web"].update(replicaCount=3),
        v["s3"].update(enabled=True, bucket="b", accessKeyId="k", secretAccessKey="s"),
    ),
    "a short SECRET_KEY": lambda v: v["secrets"].update(secretKey="kort"),
    "no database URL": lambda v: v["secrets"].update(databaseUrl=""),
    "a MySQL database": lambda v: v["secrets"].update(databaseUrl="mysql://x@db/levensloop"),
    "S3 without a bucket": lambda v: v["s3"].update(enabled=True, accessKeyId="k", secretAccessKey="s"),
    "a secret among the plain settings": lambda v: v["env"].update(SECRET_KEY="x" * 60),
    "two beats": lambda v: v["beat"].update(replicaCount=2),
    "an unknown key": lambda v: v.update(replicas=3),
    "a pull policy Kubernetes does not know": lambda v: v["image"].update(pullPolicy="Sometimes"),
    "a siteUrl with a path": lambda v: v.update(siteUrl="https://example.nl/levensloop"),
    "a log format that is not there": lambda v: v.update(logFormat="xml"),
    "the worker's metrics on the web port": lambda v: v["worker"].update(metricsPort=8000),
}


def test_wrong_values_are_refused_by_the_schema(tmp_path):
    files = {name: variant(tmp_path, f"wrong-{i}", change) for i, (name, change) in enumerate(WRONG.items())}
    by_file = {report["values"]: report for report in check(*files.values())}
    for name, path in files.items():
        report = by_file[str(path)]
        assert not report["lint_v4"]["ok"], f"Helm v4 lint accepted {name}"
        assert not report["lint_v3"]["ok"], f"Helm v3 lint accepted {name}"
        assert "values don't meet the specifications of the schema" in report["lint_v3"]["output"], name
        assert all(render["error"] for render in report["render"].values()), f"helm template rendered {name}"


def _deployment(pod_spec_extra: dict, probe: dict) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "x"},
        "spec": {
            "selector": {"matchLabels": {"a": "b"}},
            "template": {
                "metadata": {"labels": {"a": "b"}},
                "spec": {"containers": [{"name": "x", "image": "x", "readinessProbe": probe}], **pod_spec_extra},
            },
        },
    }


@pytest.mark.parametrize(
    ("manifest", "named"),
    [
        (_deployment({"replica": 2}, {"httpGet": {"path": "/", "port": 8000}}), "replica"),  # unknown field
        (_deployment({}, {"httpGet": {"path": "/"}}), "port"),  # a required field missing
    ],
)
def test_the_validator_refuses_what_kubernetes_would(tmp_path, manifest, named):
    """Strict: a field Kubernetes does not know is an error too, not a silent pass."""
    path = tmp_path / "wrong.yaml"
    path.write_text(yaml.safe_dump(manifest))
    done = subprocess.run(
        [str(PYTHON.with_name("kubernetes-validate")), "--strict", "-k", "1.37.0", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and named in done.stdout + done.stderr
