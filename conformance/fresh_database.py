"""Prints the URL of a fresh, empty PostgreSQL database for a conformance run.

Given a DATABASE_URL, (re)creates the database "<name>_conformance" on the same server
and prints its URL; any other kind of URL is printed unchanged. The database named in the
URL itself is never touched: it may hold real data, and in CI it need not exist.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def fresh_database(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        return url
    name = (parts.path.lstrip("/") or "levensloop") + "_conformance"
    maintenance = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fresh_database.py DATABASE_URL")
    print(fresh_database(sys.argv[1]))
