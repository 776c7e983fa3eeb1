"""The three secrets, read once per container.

In AWS the environment names SSM Parameter Store SecureStrings (WITHINGS_CONSUMER_SECRET_PARAM,
LINK_CLIENT_SECRET_PARAM, TOKEN_KEY_PARAM); they are fetched together, decrypted, in one
GetParameters call the first time any of them is needed, and kept in memory. Locally the plain
variables (WITHINGS_CONSUMER_SECRET, LINK_CLIENT_SECRET, TOKEN_KEY) are used instead.
"""

from __future__ import annotations

import threading
from typing import Any

from skill.config import Settings, get_settings

# Names of the secrets, not their values.
CONSUMER_SECRET = "consumer_secret"  # noqa: S105
LINK_CLIENT_SECRET = "link_client_secret"  # noqa: S105
TOKEN_KEY = "token_key"  # noqa: S105
_NAMES = (CONSUMER_SECRET, LINK_CLIENT_SECRET, TOKEN_KEY)

_cache: dict[str, str] = {}
_lock = threading.Lock()


class SecretsUnavailable(Exception):
    """A secret is not configured, or SSM could not be read: a deployment problem or an outage."""


def _params(settings: Settings) -> dict[str, str]:
    pairs = {
        CONSUMER_SECRET: settings.consumer_secret_param,
        LINK_CLIENT_SECRET: settings.link_client_secret_param,
        TOKEN_KEY: settings.token_key_param,
    }
    return {name: param for name, param in pairs.items() if param}


def _fetch(params: dict[str, str]) -> dict[str, str]:
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


def _load() -> dict[str, str]:
    settings = get_settings()
    values = {
        CONSUMER_SECRET: settings.consumer_secret,
        LINK_CLIENT_SECRET: settings.link_client_secret,
        TOKEN_KEY: settings.token_key,
    }
    params = _params(settings)
    if params:
        values.update(_fetch(params))
    return values


def get_secret(name: str) -> str:
    """One of CONSUMER_SECRET, LINK_CLIENT_SECRET, TOKEN_KEY. Raises SecretsUnavailable if unset."""
    if name not in _NAMES:
        raise KeyError(name)
    if not _cache:
        with _lock:
            if not _cache:
                _cache.update(_load())
    value = _cache.get(name, "")
    if not value:
        raise SecretsUnavailable(f"{name} is not configured")
    return value


def consumer_secret() -> str:
    return get_secret(CONSUMER_SECRET)


def link_client_secret() -> str:
    return get_secret(LINK_CLIENT_SECRET)


def token_key() -> str:
    return get_secret(TOKEN_KEY)


def reset_cache() -> None:
    """Tests (and a changed environment): read the secrets again on next use."""
    with _lock:
        _cache.clear()
