"""What a linking request needs: settings, the link table, and the secrets (fetched on first use)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from skill.config import Settings
from skill.store.repository import LinkRepository

CALLBACK_PATH = "/link/callback"


@dataclass(frozen=True)
class LinkingContext:
    settings: Settings
    repo: LinkRepository
    link_client_secret: Callable[[], str]
    consumer_secret: Callable[[], str]
    public_base_url: str  # where /link/* is reachable from a browser (for the Withings callback)

    @classmethod
    def from_settings(cls, domain_name: str = "") -> LinkingContext:
        """`domain_name` is API Gateway's requestContext.domainName: without PUBLIC_BASE_URL, the
        callback goes back to the host the request came in on (the template cannot pass the API's own
        URL to the function without a circular dependency)."""
        # Cheap per request: the DynamoDB client and the secrets are cached per container elsewhere.
        from skill import secrets
        from skill.config import get_settings
        from skill.store.crypto import Sealer

        settings = get_settings()
        repo = LinkRepository(settings.table_name, sealer=lambda: Sealer.from_b64(secrets.token_key()))
        base = settings.public_base_url or (f"https://{domain_name}" if domain_name else "")
        return cls(settings, repo, secrets.link_client_secret, secrets.consumer_secret, base)

    @property
    def callback_url(self) -> str:
        return f"{self.public_base_url}{CALLBACK_PATH}"
