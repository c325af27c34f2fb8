"""A WSGI app that reads a request body and drops it: the HTTP ceiling of the benchmark.

Served by the same gunicorn setup as the API, it shows how fast the server can take in a
body at all, before any storage, hashing or database work.
"""


def app(environ, start_response):
    stream = environ["wsgi.input"]
    remaining = int(environ.get("CONTENT_LENGTH") or 0)
    while remaining > 0:
        chunk = stream.read(min(remaining, 1024 * 1024))
        if not chunk:
            break
        remaining -= len(chunk)
    start_response("204 No Content", [])
    return []
