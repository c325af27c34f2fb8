#!/usr/bin/env python
import os
import sys
from pathlib import Path


def load_run_env() -> None:
    """Take the settings `bin/run` started the server with (var/run.env) as defaults.

    A command run in another shell then reads the same database and broker and builds the
    same URLs as the server, with nothing to set; the environment still wins.
    """
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent / "var")
    try:
        lines = (var_dir / "run.env").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        name, separator, value = line.partition("=")
        if separator and name.strip():
            os.environ.setdefault(name.strip(), value)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    load_run_env()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
