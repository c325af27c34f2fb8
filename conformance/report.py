"""Summarise newman's JSON reports of the VNG ZGW collection, folder by folder.

For each folder: assertions passed/total and the share, then every failing assertion
(request name, assertion, error message). Script errors (a test script that threw before
or between its assertions) and request errors are listed beside them: they are not
assertions, but they hide assertions, so they are keyed and checked the same way.

Required folders (`--require ztc=90`) fail the run when their share is below the
threshold, or when a failure is not listed in `conformance/known-failures-<folder>.md`.
`--write-failures ztc` rewrites that file from the current run, keeping the reasons
already written and giving new entries the reason "TODO reason".

Exit codes: 0 fine, 1 a requirement failed, 2 a report is missing or unreadable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

TODO = "TODO reason"
MAX_MESSAGE = 300


@dataclass(frozen=True)
class Failure:
    request: str
    assertion: str
    message: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.request, self.assertion)


@dataclass
class FolderResult:
    folder: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    requests_run: int = 0
    requests_in_folder: int = 0
    failures: list[Failure] = field(default_factory=list)  # assertions
    errors: list[Failure] = field(default_factory=list)  # script and request errors

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def share(self) -> float:
        return 100.0 * self.passed / self.total if self.total else 0.0

    def all_failures(self) -> list[Failure]:
        """Failures and errors, each key once, in the order they happened."""
        seen: dict[tuple[str, str], Failure] = {}
        for failure in [*self.failures, *self.errors]:
            seen.setdefault(failure.key, failure)
        return list(seen.values())


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count_requests(collection: dict, folder: str) -> int:
    def find(items):
        for item in items:
            if item.get("name") == folder and "item" in item:
                return item
            found = find(item.get("item", []))
            if found:
                return found
        return None

    def requests(item):
        if "request" in item:
            yield item
        for child in item.get("item", []):
            yield from requests(child)

    node = find(collection.get("item", []))
    return sum(1 for _ in requests(node)) if node else 0


def read_folder(path: Path, folder: str) -> FolderResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    run = data["run"]
    result = FolderResult(folder)
    result.requests_in_folder = count_requests(data.get("collection", {}), folder)
    result.requests_run = len(run.get("executions", []))
    for execution in run.get("executions", []):
        request = execution.get("item", {}).get("name", "?")
        for assertion in execution.get("assertions") or []:
            if assertion.get("skipped"):
                result.skipped += 1
            elif assertion.get("error"):
                result.failed += 1
                result.failures.append(
                    Failure(request, assertion.get("assertion", "?"), one_line(assertion["error"].get("message")))
                )
            else:
                result.passed += 1
    for failure in run.get("failures", []):
        error = failure.get("error") or {}
        at = failure.get("at") or ""
        if at.startswith("assertion:"):
            continue  # counted above from the executions
        request = (failure.get("source") or {}).get("name") or "?"
        name = error.get("name") or "Error"
        where = "request" if at == "request" else at
        result.errors.append(Failure(request, f"[{where} error] {name}", one_line(error.get("message"))))
    return result


# --- known failures files -------------------------------------------------------------

HEADER = """# Known failures: `{folder}`

The assertions of the VNG ZGW conformance collection (folder `{folder}`) that fail
against Levensloop, each with its reason. `bin/conformance --require {folder}=N` fails
when a failure of this folder is not listed here. `bin/conformance --write-failures
{folder}` rewrites this file from a fresh run: it keeps the reasons written below, gives
new entries the reason "{todo}", and drops entries that no longer fail.

Format: `## <request name>`, then per assertion a `- assertion:` line and a one-line
`  reason:` line (the `  last error:` line is informative only). Entries in square
brackets are not assertions but script or request errors, which hide assertions.
"""


def known_path(directory: Path, folder: str) -> Path:
    return directory / f"known-failures-{folder}.md"


def read_known(path: Path) -> dict[tuple[str, str], str]:
    known: dict[tuple[str, str], str] = {}
    if not path.exists():
        return known
    request = None
    assertion = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            request, assertion = raw[3:].strip(), None
        elif raw.startswith("- assertion:") and request is not None:
            assertion = raw[len("- assertion:") :].strip()
            known[(request, assertion)] = ""
        elif raw.strip().startswith("reason:") and assertion is not None:
            known[(request, assertion)] = raw.strip()[len("reason:") :].strip()
    return known


def write_known(path: Path, folder: str, failures: list[Failure], known: dict[tuple[str, str], str]) -> tuple[int, int]:
    lines = [HEADER.format(folder=folder, todo=TODO)]
    new = 0
    by_request: dict[str, list[Failure]] = {}
    for failure in failures:
        by_request.setdefault(failure.request, []).append(failure)
    for request, items in by_request.items():
        lines.append(f"## {request}")
        for failure in items:
            reason = known.get(failure.key) or TODO
            if failure.key not in known:
                new += 1
            lines.append(f"- assertion: {failure.assertion}")
            lines.append(f"  reason: {reason}")
            if failure.message:
                lines.append(f"  last error: {failure.message}")
        lines.append("")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    dropped = len(set(known) - {failure.key for failure in failures})
    return new, dropped


# --- main --------------------------------------------------------------------------------


def parse_requirements(values: list[str]) -> dict[str, float]:
    required: dict[str, float] = {}
    for value in values:
        for part in filter(None, (p.strip() for p in value.split(","))):
            folder, sep, threshold = part.partition("=")
            if not sep:
                raise SystemExit(f"--require {part}: expected FOLDER=PERCENT, e.g. ztc=90")
            required[folder.strip()] = float(threshold.rstrip("%"))
    return required


def split_list(values: list[str]) -> list[str]:
    return [p.strip() for value in values for p in value.split(",") if p.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, required=True, help="Folder with newman-<folder>.json.")
    parser.add_argument("--known-dir", type=Path, required=True, help="Folder with known-failures-*.md.")
    parser.add_argument("--require", action="append", default=[], help="FOLDER=PERCENT[,…]")
    parser.add_argument("--report", action="append", default=[], help="FOLDER[,…] to print only.")
    parser.add_argument("--write-failures", action="append", default=[], help="FOLDER[,…] to write.")
    parser.add_argument("--order", default="ac,zrc,drc,brc,ztc", help="Order to print folders in.")
    args = parser.parse_args(argv)

    required = parse_requirements(args.require)
    to_write = split_list(args.write_failures)
    wanted = [*required, *split_list(args.report), *to_write]
    order = args.order.split(",")
    folders = sorted(dict.fromkeys(wanted), key=lambda f: (order.index(f) if f in order else len(order), f))

    results: dict[str, FolderResult] = {}
    broken = []
    for folder in folders:
        path = args.reports / f"newman-{folder}.json"
        try:
            results[folder] = read_folder(path, folder)
        except (OSError, ValueError, KeyError) as exc:
            broken.append(folder)
            print(f"!! {folder}: no usable newman report at {path}: {exc}")

    print()
    print("VNG ZGW conformance collection (newman), per folder")
    print(
        f"  {'folder':<7} {'required':>9} {'passed/total':>13} {'share':>7} "
        f"{'executed':>9} {'requests':>9} {'errors':>7}"
    )
    for folder, result in results.items():
        need = f">= {required[folder]:g}%" if folder in required else "report"
        ratio = f"{result.passed}/{result.total}"
        print(
            f"  {folder:<7} {need:>9} {ratio:>13} {result.share:>6.1f}% {result.requests_run:>9} "
            f"{result.requests_in_folder:>9} {len(result.errors):>7}"
            + (f"  ({result.skipped} skipped)" if result.skipped else "")
        )

    for folder, result in results.items():
        if not result.failures and not result.errors:
            continue
        print()
        print(f"Failing assertions in {folder} ({len(result.failures)}):")
        for failure in result.failures:
            print(f"  - [{failure.request}] {failure.assertion}\n      {failure.message}")
        if result.errors:
            print(f"Script and request errors in {folder} ({len(result.errors)}); they can hide assertions:")
            for failure in result.errors:
                print(f"  - [{failure.request}] {failure.assertion}: {failure.message}")

    status = 2 if broken else 0
    if to_write:
        print()
        for folder in to_write:
            if folder not in results:
                continue
            path = known_path(args.known_dir, folder)
            known = read_known(path)
            failures = results[folder].all_failures()
            new, dropped = write_known(path, folder, failures, known)
            print(
                f"Wrote {path}: {len(failures)} failures, {new} new with reason '{TODO}', "
                f"{dropped} dropped that no longer fail."
            )
        return status

    verdicts = []
    for folder, threshold in required.items():
        if folder not in results:
            continue
        result = results[folder]
        path = known_path(args.known_dir, folder)
        known = read_known(path)
        current = result.all_failures()
        unlisted = [f for f in current if f.key not in known]
        stale = sorted(set(known) - {f.key for f in current})
        todo = sum(1 for f in current if known.get(f.key, "") in ("", TODO))
        below = result.share < threshold
        print()
        print(
            f"{folder}: share {result.share:.1f}% "
            + (f"is BELOW the required {threshold:g}%" if below else f"meets the required {threshold:g}%")
            + f"; {len(current) - len(unlisted)}/{len(current)} failures listed in {path.name}"
            + (f" ({todo} still '{TODO}')" if todo else "")
        )
        if unlisted:
            print(
                f"  NOT LISTED in {path} ({len(unlisted)}); give each a reason there, "
                f"or start from 'bin/conformance --write-failures {folder}':"
            )
            for failure in unlisted:
                print(f"  - [{failure.request}] {failure.assertion}")
        if stale:
            print(f"  Listed but no longer failing ({len(stale)}); remove them (--write-failures does):")
            for request, assertion in stale:
                print(f"  - [{request}] {assertion}")
        verdicts.append(not below and not unlisted)

    if verdicts and not all(verdicts):
        status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
