"""Run schemathesis against one API of the running server; print a one-line summary.

Checks: `not_a_server_error` (no 5xx) and `response_schema_conformance` (each response
matches the committed schema). The full output goes to var/conformance/schemathesis-<api>.log
and a JUnit report beside it; the failures are printed to stderr.

Exit code: 0 no failures, 1 failures or errors found (or nothing to test).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

CHECKS = "not_a_server_error,response_schema_conformance"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def count_operations(schema_path: Path) -> int:
    schema = yaml.safe_load(schema_path.read_text(encoding="utf-8")) or {}
    return sum(1 for item in (schema.get("paths") or {}).values() for method in (item or {}) if method in METHODS)


def describe(item: ET.Element) -> str:
    """`ST108 Response violates schema: "invalidParams" is a required property` from a JUnit entry."""
    lines = [line.strip() for line in (item.text or "").splitlines()]
    found = []
    for index, line in enumerate(lines):
        if line.startswith("- ") and index + 1 < len(lines):
            detail = next((d for d in lines[index + 1 :] if d), "")
            found.append(f"{line[2:]}: {detail}" if detail and not detail.startswith("- ") else line[2:])
    return "; ".join(dict.fromkeys(found)) or item.get("message") or item.tag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True)
    parser.add_argument("--schema", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument("--seed")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    name = f"{args.api:<14}"
    if not args.schema.exists():
        print(f"{name} FAILED: schema {args.schema} does not exist")
        return 1
    operations = count_operations(args.schema)
    if not operations:
        print(f"{name} FAILED: schema {args.schema} has no operations, nothing to test")
        return 1

    log_path = args.out / f"schemathesis-{args.api}.log"
    junit_path = args.out / f"schemathesis-{args.api}.junit.xml"
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        str(args.schema.resolve()),
        "--url",
        args.base_url,
        "--header",
        f"Authorization: Bearer {args.token}",
        "--max-examples",
        str(args.examples),
        "--checks",
        CHECKS,
        "--generation-database",
        "none",
        "--report",
        "junit",
        "--report-junit-path",
        str(junit_path.resolve()),
        "--no-color",
        "--output-sanitize",
        "true",
    ]
    if args.seed:
        command += ["--seed", str(args.seed)]
    root_dir = Path(__file__).resolve().parent.parent
    env = dict(
        os.environ,
        NO_COLOR="1",
        SCHEMATHESIS_HOOKS="conformance.schemathesis_hooks",
        PYTHONPATH=os.pathsep.join(filter(None, [str(root_dir), os.environ.get("PYTHONPATH")])),
    )
    with open(log_path, "w", encoding="utf-8") as log:
        # The command line holds the token; the log does not need it.
        shown = ["Authorization: Bearer ***" if c.startswith("Authorization:") else c for c in command]
        log.write("$ " + " ".join(shown) + "\n\n")
        log.flush()
        # In var/conformance/, where its caches (.schemathesis/, .hypothesis/) stay out of the tree.
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=args.out)

        # On SIGTERM (bin/conformance interrupted) end schemathesis too. The handler only
        # signals; the loop below reaps (a wait inside the handler could deadlock).
        stopping: list[float] = []

        def stop(signum, frame):
            stopping.append(time.monotonic())
            process.terminate()

        signal.signal(signal.SIGTERM, stop)
        while True:
            try:
                process.wait(timeout=1)
                break
            except subprocess.TimeoutExpired:
                if stopping and time.monotonic() - stopping[0] > 5:
                    process.kill()
        if stopping:
            sys.exit(128 + signal.SIGTERM)
    output = log_path.read_text(encoding="utf-8", errors="replace")

    tested = failed = errored = skipped = 0
    stateful = ""
    problems: list[str] = []
    root = None
    if junit_path.exists():
        try:
            root = ET.parse(junit_path).getroot()
        except ET.ParseError:
            root = None
    for case in root.iter("testcase") if root is not None else []:
        failures = case.findall("failure")
        errors = case.findall("error")
        name_ = case.get("name") or "?"
        if name_.lower().startswith("stateful"):
            stateful = "stateful FAILED" if failures or errors else "stateful ok"
        else:
            tested += 1
            failed += bool(failures)
            errored += bool(errors)
            skipped += case.find("skipped") is not None
        for item in [*failures, *errors]:
            problems.append(f"  {name_}: {describe(item)}")

    seed = re.search(r"--seed[= ](\d+)|Seed: (\d+)", output)
    seed_text = f", seed {seed.group(1) or seed.group(2)}" if seed else ""
    verdict = "ok" if process.returncode == 0 and not failed and not errored else "FAILED"
    print(
        f"{name} {verdict}: {tested} of {operations} operations tested, {failed} with failures, "
        f"{errored} with errors, {skipped} skipped{', ' + stateful if stateful else ''} "
        f"({args.examples} examples{seed_text}; "
        f"exit {process.returncode}; log var/conformance/{log_path.name})"
    )
    if verdict != "ok":
        print(f"schemathesis on {args.api}:", file=sys.stderr)
        for line in problems[:50]:
            print(line, file=sys.stderr)
        if not problems:
            print("\n".join(output.splitlines()[-40:]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
