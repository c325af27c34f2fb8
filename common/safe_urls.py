"""One way to tell whether a URL lies under an API root, and which path it names.

A string prefix is not enough: `…/catalogi/api/v1/../../admin/` starts with the Catalogi
root, yet an HTTP client resolves the dot segments and fetches the admin. Every check of a
URL against a root, every path parsed for a uuid, and every request we send use the
normalised form made here, so what is checked is what is fetched:

- scheme `http` or `https`, lowercase; host lowercase and IDNA-encoded; a default port
  (80, 443) is written as none, so `http://host:80/` and `http://host/` are one URL;
- no userinfo (`user@host`), no fragment, no backslash, no control characters or spaces,
  and in the path no percent-encoded slash, backslash, percent sign or control character
  (they would change meaning after one more decoding; a query may carry them, encoded,
  as the filter of a `next` link carries a URL), and no `;` in the path (`..;/`);
- percent-encoded unreserved characters decoded (`%2e` is a dot), other escapes in upper
  case, and dot segments resolved (RFC 3986, 5.2.4).

A URL that breaks a rule is no URL of any root (None), whatever it would have led to.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from django.urls import Resolver404, ResolverMatch, resolve

DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
# Escapes that would turn into a separator or a control character when decoded once more.
_FORBIDDEN_ESCAPES = re.compile(r"%(2[fF]|5[cC]|25|[01][0-9A-Fa-f]|7[fF])")
_BAD_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")


def _decode_unreserved(text: str) -> str:
    def replace(match: re.Match) -> str:
        character = chr(int(match.group(1), 16))
        return character if _UNRESERVED.fullmatch(character) else "%" + match.group(1).upper()

    return _ESCAPE.sub(replace, text)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986, 5.2.4: `/a/b/../c/./d` is `/a/c/d`; `..` above the root stays at the root."""
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    return result if result.startswith("/") else "/" + result


def _host(hostname: str) -> str | None:
    if "%" in hostname:
        return None
    try:
        # The IDNA codec also maps the full-width and ideographic dots (U+3002, U+FF0E,
        # U+FF61) to ".", so `example。org` compares as `example.org`.
        encoded = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return encoded.lower().rstrip(".") or None


def normalise_url(url: object) -> str | None:
    """The normalised form of `url`, or None when it is no URL that may be followed."""
    if not isinstance(url, str) or not url or _BAD_CHARACTERS.search(url) or "#" in url:
        return None
    if not url.isascii() and not _only_host_is_not_ascii(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    # `;` starts path parameters, with which some servers read `..;` as `..`.
    if _FORBIDDEN_ESCAPES.search(parts.path) or ";" in parts.path:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or "@" in parts.netloc or not parts.hostname:
        return None
    host = _host(parts.hostname)
    if host is None:
        return None
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _remove_dot_segments(_decode_unreserved(parts.path or "/"))
    query = _decode_unreserved(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _only_host_is_not_ascii(url: str) -> bool:
    """An internationalised host name is allowed (it is IDNA-encoded); a path or query must
    be ASCII, with anything else percent-encoded."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (parts.path + parts.query).isascii() and parts.scheme.isascii()


def url_under(url: object, root: str) -> str | None:
    """The normalised `url` if it lies under `root` (same scheme, host and port, and its path
    below the root's path), else None."""
    normalised = normalise_url(url)
    base = normalise_url(root if root.endswith("/") else root + "/")
    if normalised is None or base is None:
        return None
    return normalised if normalised.split("?", 1)[0].startswith(base) else None


def root_of(url: object, roots: list[str]) -> tuple[str, str] | None:
    """(the normalised URL, the first of `roots` it lies under), or None."""
    for root in roots:
        normalised = url_under(url, root)
        if normalised is not None:
            return normalised, root
    return None


def segments_below(url: object, root: str) -> list[str] | None:
    """The path segments of `url` below `root` (`["zaken", "<uuid>"]`), query and trailing
    slash left out; None when the URL does not lie under the root."""
    normalised = url_under(url, root)
    if normalised is None:
        return None
    base = normalise_url(root if root.endswith("/") else root + "/") or ""
    relative = normalised.split("?", 1)[0][len(base) :]
    return [segment for segment in relative.strip("/").split("/") if segment] if relative.strip("/") else []


def url_path(url: object) -> str | None:
    """The normalised path of `url` (for resolving it against our own routes), or None."""
    normalised = normalise_url(url)
    return urlsplit(normalised).path if normalised is not None else None


def resolve_url(url: object) -> ResolverMatch | None:
    """The route of this deployment that the normalised path of `url` names, or None.

    The host is not compared: a reference to one of our objects is matched by its path, as
    the API answers on whatever host it is reached; nothing is fetched.
    """
    path = url_path(url)
    if path is None:
        return None
    try:
        return resolve(path)
    except Resolver404:
        return None
