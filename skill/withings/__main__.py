"""python -m skill.withings explain-oauth1 ...: print every stage of an OAuth 1.0a signature.

    python -m skill.withings explain-oauth1 --consumer-key K --consumer-secret S \\
        [--token T --token-secret TS] [--userid U] [--nonce N --timestamp TS] [--method GET] \\
        URL [param=value ...]

Seeing the normalized parameters, the base string and the key's shape side by side is how a refused
signature gets debugged (compare them with the server's). Secrets are never printed: the signing key
shows only the lengths of its two encoded halves.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from skill.withings.oauth1 import OAUTH_VERSION, SignedRequest, sign


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected param=value, got {text!r}")
    return name, value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m skill.withings", description="Withings client tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    explain = sub.add_parser(
        "explain-oauth1",
        help="sign a request with HMAC-SHA1 and print each RFC 5849 stage (secrets masked)",
    )
    explain.add_argument("--consumer-key", required=True)
    explain.add_argument("--consumer-secret", required=True)
    explain.add_argument("--token", default=None)
    explain.add_argument("--token-secret", default="")
    explain.add_argument("--userid", default=None, help="added to the signed parameters, as on data calls")
    explain.add_argument("--callback", default=None, help="oauth_callback (request_token step)")
    explain.add_argument("--verifier", default=None, help="oauth_verifier (access_token step)")
    explain.add_argument("--nonce", default=None)
    explain.add_argument("--timestamp", default=None)
    explain.add_argument("--method", default="GET")
    explain.add_argument(
        "--no-version", action="store_true", help="omit oauth_version (the RFC 5849 examples do)"
    )
    explain.add_argument("url")
    explain.add_argument("params", nargs="*", type=_pair, metavar="param=value")
    return parser


def explain(signed: SignedRequest, out: TextIO) -> None:
    """Write the stages of one signature, in the order RFC 5849 §3.4 computes them."""
    lines = [
        f"method:                 {signed.method}",
        f"base string URI:        {signed.base_string_uri}   (§3.4.1.2)",
        "normalized parameters:  (§3.4.1.3.2: encoded, sorted, joined by &)",
        *(f"    {part}" for part in signed.normalized_params.split("&")),
        "signature base string:  (§3.4.1.1: METHOD&encoded URI&encoded parameters)",
        f"    {signed.base_string}",
        f"signing key:            {signed.signing_key_masked}   "
        "(§3.4.2: encoded consumer secret & encoded token secret; lengths only)",
        f"signature:              {signed.signature}   (HMAC-SHA1, base64)",
        "signed URL:",
        f"    {signed.url}",
    ]
    out.write("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    params = list(args.params)
    if args.userid is not None:
        params.append(("userid", args.userid))
    try:
        signed = sign(
            args.method,
            args.url,
            params,
            consumer_key=args.consumer_key,
            consumer_secret=args.consumer_secret,
            token=args.token,
            token_secret=args.token_secret,
            callback=args.callback,
            verifier=args.verifier,
            nonce=args.nonce,
            timestamp=args.timestamp,
            version=None if args.no_version else OAUTH_VERSION,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    explain(signed, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
