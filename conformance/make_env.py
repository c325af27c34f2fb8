"""Write the newman environment for a local Levensloop server.

Starts from the VNG template `local.postman_environment.json` and points its URL
variables at our API roots on 127.0.0.1:PORT. Like the template, the component URLs
carry no scheme (`localhost:8002/api/v1`; newman then uses http); the referentielijsten
URL does (the template has `https://…`), and our Selectielijst API stands in for it.

`mock_url` points at conformance/mock_server.py (VNG's mocks, which bin/conformance starts).
Notificaties (`nrc_url`) is not part of this project: it points at a closed local port,
so nothing answers there.

Usage: make_env.py TEMPLATE OUTPUT PORT MOCK_URL
"""

from __future__ import annotations

import json
import sys

# Port 9 (discard) on the loopback: nothing listens there, a connection is refused at once.
UNREACHABLE = "127.0.0.1:9"


def urls(port: int, mock_url: str) -> dict[str, str]:
    host = f"127.0.0.1:{port}"
    return {
        "zrc_url": f"{host}/zaken/api/v1",
        "drc_url": f"{host}/documenten/api/v1",
        "ztc_url": f"{host}/catalogi/api/v1",
        "brc_url": f"{host}/besluiten/api/v1",
        "ac_url": f"{host}/autorisaties/api/v1",
        "nrc_url": f"{UNREACHABLE}/notificaties/api/v1",
        "referentielijst_url": f"http://{host}/selectielijst/api/v1",
        "mock_url": mock_url,
    }


def main(template: str, output: str, port: str, mock_url: str) -> None:
    with open(template, encoding="utf-8") as handle:
        environment = json.load(handle)
    wanted = urls(int(port), mock_url.rstrip("/"))
    seen = set()
    for variable in environment["values"]:
        if variable["key"] in wanted:
            variable["value"] = wanted[variable["key"]]
            variable["enabled"] = True
            seen.add(variable["key"])
    for key in sorted(set(wanted) - seen):
        environment["values"].append({"key": key, "value": wanted[key], "enabled": True})
    environment["name"] = f"Levensloop on 127.0.0.1:{port}"
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(environment, handle, indent=2)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
