"""python -m skill {serve,init-db,demo,ask}: local commands (design.md). Each imports what it needs.

`serve` and `init-db` are the skill's own. `demo` and `ask` drive the checkout's developer tools
(devtools/, the sandbox), which the Lambda artifact does not ship (deploy/Makefile): they are offered
only where those tools exist, and loaded by name when run, so nothing in skill/ depends on them.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
from typing import Any

from skill.voice.locales import LOCALES

_DEVTOOLS = "devtools"


def _devtools_present() -> bool:
    return importlib.util.find_spec(_DEVTOOLS) is not None  # finds the package without importing it


def _devtool(module: str) -> Any:
    return importlib.import_module(f"{_DEVTOOLS}.{module}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="local HTTP server: /link/* and POST /alexa via lambda_handler")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--host", default="127.0.0.1")

    sub.add_parser("init-db", help="create the DynamoDB table at the configured endpoint (idempotent)")

    if _devtools_present():
        demo = sub.add_parser("demo", help="the whole thing offline: DynamoDB Local, sandbox, link, converse")
        demo.add_argument("--auth", choices=("oauth1", "oauth2"), default="oauth1")
        demo.add_argument("--locale", choices=LOCALES, default="en-US", help="the language it speaks in")

        ask = sub.add_parser(
            "ask", help='one utterance -> intent -> reply, e.g. "how did I sleep last night"'
        )
        ask.add_argument("utterance")
        ask.add_argument("--locale", choices=LOCALES, default="en-US")

    args = parser.parse_args(argv)
    if args.command == "serve":
        from skill.local_server import serve as run_server

        return run_server(args.host, args.port)
    if args.command == "init-db":
        from skill.store.dynamodb.schema import init_db

        return init_db()
    if args.command == "demo":
        return int(_devtool("demo").main(auth=args.auth, locale=args.locale))
    return int(_devtool("ask").main(args.utterance, locale=args.locale))
