"""The three secrets, read once per container (skill.composition holds the one Secrets).

In AWS the environment names SSM Parameter Store SecureStrings (WITHINGS_CONSUMER_SECRET_PARAM,
LINK_CLIENT_SECRET_PARAM, TOKEN_KEY_PARAM); they are fetched together, decrypted, in one
GetParameters call the first time any of them is needed, and kept in memory. Locally the plain
variables (WITHINGS_CONSUMER_SECRET, LINK_CLIENT_SECRET, TOKEN_KEY) are used instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from skill.config import Settings

# Names of the secrets, not their values.
CONSUMER_SECRET: Final = "consumer_secret"  # noqa: S105
LINK_CLIENT_SECRET: Final = "link_client_secret"  # noqa: S105
TOKEN_KEY: Final = "token_key"  # noqa: S105

# {secret name: SSM parameter name} -> {secret name: value}
Fetch = Callable[[Mapping[str, str]], dict[str, str]]


class SecretsUnavailable(Exception):
    """A secret is not configured, or SSM could not be read: a deployment problem or an outage."""


def fetch_ssm(params: Mapping[str, str]) -> dict[str, str]:
    """One decrypted GetParameters call for every parameter."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    config = Config(connect_timeout=1.0, read_timeout=2.0, retries={"max_attempts": 2, "mode": "standard"})
    ssm: Any = boto3.session.Session().client("ssm", config=config)
    try:
        out = ssm.get_parameters(Names=sorted(set(params.values())), WithDecryption=True)
    except (BotoCoreError, ClientError) as exc:
        raise SecretsUnavailable(f"SSM GetParameters failed: {type(exc).__name__}") from exc
    if out.get("InvalidParameters"):
        raise SecretsUnavailable(f"SSM parameters not found: {', '.join(out['InvalidParameters'])}")
    by_name = {p["Name"]: p["Value"] for p in out.get("Parameters", [])}
    by_arn = {p.get("ARN", ""): p["Value"] for p in out.get("Parameters", [])}
    return {name: by_name.get(param) or by_arn.get(param, "") for name, param in params.items()}


class Secrets:
    """The secrets of one configuration, loaded together on first use (a failed load is retried)."""

    def __init__(self, settings: Settings, fetch: Fetch = fetch_ssm) -> None:
        self._settings = settings
        self._fetch = fetch
        self._values: dict[str, str] | None = None
        self._lock = threading.Lock()

    def consumer_secret(self) -> str:
        return self._get(CONSUMER_SECRET)

    def link_client_secret(self) -> str:
        return self._get(LINK_CLIENT_SECRET)

    def token_key(self) -> str:
        return self._get(TOKEN_KEY)

    def _get(self, name: str) -> str:
        values = self._values
        if values is None:
            with self._lock:
                values = self._values
                if values is None:
                    values = self._values = self._load()
        value = values.get(name, "")
        if not value:
            raise SecretsUnavailable(f"{name} is not configured")
        return value

    def _load(self) -> dict[str, str]:
        s = self._settings
        values = {
            CONSUMER_SECRET: s.consumer_secret,
            LINK_CLIENT_SECRET: s.link_client_secret,
            TOKEN_KEY: s.token_key,
        }
        params = {
            name: param
            for name, param in (
                (CONSUMER_SECRET, s.consumer_secret_param),
                (LINK_CLIENT_SECRET, s.link_client_secret_param),
                (TOKEN_KEY, s.token_key_param),
            )
            if param
        }
        if params:
            values.update(self._fetch(params))
        return values
