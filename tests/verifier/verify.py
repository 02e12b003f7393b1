"""Run IMS Global's Open Badges verifier (``openbadges``, openbadges-validator-core) on one badge,
offline, and print its report as JSON. Runs with .venv-verifier's Python, never the board's.

    .venv-verifier/bin/python tests/verifier/verify.py URL-or-PNG [--email ADDRESS]

Two things keep it off the internet, and neither touches how it verifies:
- the Open Badges 2.0 JSON-LD context (https://w3id.org/openbadges/v2), which the verifier fetches
  to compact every document, is answered from the copy the verifier ships itself
  (openbadges/verifier/openbadges_context.py), through its own document loader class;
- any other name or address than the loopback is refused at the socket (and reported), so the
  badge's own documents can come only from the local HTTP server the test started.
"""

from __future__ import annotations

import argparse
import json
import socket

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
refused: list[str] = []
_getaddrinfo, _connect = socket.getaddrinfo, socket.socket.connect


def _only_loopback_names(host, *arguments, **keywords):
    if host not in LOOPBACK:
        refused.append(str(host))
        raise OSError(f"this verification is offline: refused to look up {host}")
    return _getaddrinfo(host, *arguments, **keywords)


def _only_loopback_connections(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in LOOPBACK:
        refused.append(str(host))
        raise OSError(f"this verification is offline: refused to connect to {host}")
    return _connect(self, address)


socket.getaddrinfo = _only_loopback_names
socket.socket.connect = _only_loopback_connections

from openbadges import verify  # noqa: E402 - after the guard, so nothing can connect before it
from openbadges.verifier import utils  # noqa: E402
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT, OPENBADGES_CONTEXT_V2_URI  # noqa: E402

_load = utils.CachableDocumentLoader.__call__


def _shipped_context(self, url):
    if url == OPENBADGES_CONTEXT_V2_URI:
        return {"contextUrl": None, "documentUrl": url, "document": json.dumps(OPENBADGES_CONTEXT_V2_DICT)}
    return _load(self, url)


utils.CachableDocumentLoader.__call__ = _shipped_context


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("badge", help="a hosted assertion's URL, or a baked PNG's path")
    parser.add_argument("--email", help="check that the badge was issued to this address")
    arguments = parser.parse_args()
    profile = {"email": arguments.email} if arguments.email else None
    if arguments.badge.startswith("http"):
        result = verify(arguments.badge, recipient_profile=profile, use_cache=False)
    else:
        with open(arguments.badge, "rb") as image:
            result = verify(image, recipient_profile=profile, use_cache=False)
    report = result["report"]
    print(json.dumps({"valid": report["valid"], "errorCount": report["errorCount"],
                      "messages": [message["result"] for message in report["messages"]],
                      "graph": result["graph"], "refused": refused}))


if __name__ == "__main__":
    main()
