"""Settings from the environment, read once per container (design.md, "Interface contract").

In AWS the three secrets arrive as SSM Parameter Store SecureString names (`*_PARAM` variables) and
are fetched once per container by skill.secrets; locally they may be given directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

# The Withings defaults are the client's own (defined once there); this loads no client code.
from skill.withings import urls


@dataclass(frozen=True)
class Settings:
    withings_auth: str = "oauth2"  # "oauth1" or "oauth2"
    consumer_key: str = ""
    api_url: str = urls.API_URL
    oauth1_url: str = urls.OAUTH1_URL
    oauth2_authorize_url: str = urls.OAUTH2_AUTHORIZE_URL
    oauth2_token_url: str = urls.OAUTH2_TOKEN_URL
    table_name: str = ""
    skill_id: str = ""
    link_client_id: str = ""
    link_redirect_uris: tuple[str, ...] = ()
    public_base_url: str = ""
    # The app-wide Withings call budget (skill.cache.budget): Withings allows 120/min per application.
    calls_per_minute: int = 100
    # Secrets: the value itself (local use) or the SSM parameter holding it (AWS).
    consumer_secret: str = field(default="", repr=False)
    consumer_secret_param: str = ""
    link_client_secret: str = field(default="", repr=False)
    link_client_secret_param: str = ""
    token_key: str = field(default="", repr=False)
    token_key_param: str = ""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = int((value or "").strip())
    except ValueError:
        return default
    return number if number > 0 else default


def from_environ(env: dict[str, str] | os._Environ[str] | None = None) -> Settings:
    e = os.environ if env is None else env
    return Settings(
        withings_auth=e.get("WITHINGS_AUTH", "oauth2").strip().lower(),
        consumer_key=e.get("WITHINGS_CONSUMER_KEY", ""),
        api_url=e.get("WITHINGS_API_URL", urls.API_URL).rstrip("/"),
        oauth1_url=e.get("WITHINGS_OAUTH1_URL", urls.OAUTH1_URL).rstrip("/"),
        oauth2_authorize_url=e.get("WITHINGS_OAUTH2_AUTHORIZE_URL", urls.OAUTH2_AUTHORIZE_URL),
        oauth2_token_url=e.get("WITHINGS_OAUTH2_TOKEN_URL", urls.OAUTH2_TOKEN_URL),
        table_name=e.get("TABLE_NAME", ""),
        skill_id=e.get("SKILL_ID", ""),
        link_client_id=e.get("LINK_CLIENT_ID", ""),
        link_redirect_uris=_csv(e.get("LINK_REDIRECT_URIS", "")),
        public_base_url=e.get("PUBLIC_BASE_URL", "").rstrip("/"),
        calls_per_minute=_positive_int(e.get("WITHINGS_CALLS_PER_MINUTE"), 100),
        consumer_secret=e.get("WITHINGS_CONSUMER_SECRET", ""),
        consumer_secret_param=e.get("WITHINGS_CONSUMER_SECRET_PARAM", ""),
        link_client_secret=e.get("LINK_CLIENT_SECRET", ""),
        link_client_secret_param=e.get("LINK_CLIENT_SECRET_PARAM", ""),
        token_key=e.get("TOKEN_KEY", ""),
        token_key_param=e.get("TOKEN_KEY_PARAM", ""),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The container's settings. Tests that change the environment call get_settings.cache_clear()."""
    return from_environ()
