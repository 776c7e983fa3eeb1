"""What a linking request needs: settings, the store, the secrets and the Withings OAuth2 client.

Built by the composition root (skill.composition) per request, from parts it makes once per
container; tests build it with a skill.store.memory.MemoryStore.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.config import Settings
    from skill.store.base import Store
    from skill.store.records import Credentials
    from skill.withings.deadline import Deadline
    from skill.withings.oauth2 import OAuth2Client


CALLBACK_PATH = "/link/callback"


@dataclass(frozen=True)
class LinkingContext:
    settings: Settings
    store: Store
    link_client_secret: Callable[[], str]
    consumer_secret: Callable[[], str]
    oauth2_client: Callable[[], OAuth2Client]  # the container's one client (it needs a secret)
    public_base_url: str  # where /link/* is reachable from a browser (for the Withings callback)
    # After a link is stored: subscribe the user to Withings' notifications (never fails the link).
    after_link: Callable[[Credentials, str, Deadline], None] | None = None

    @property
    def callback_url(self) -> str:
        return f"{self.public_base_url}{CALLBACK_PATH}"


def public_base_url(settings: Settings, domain_name: str) -> str:
    """PUBLIC_BASE_URL, or the host the request came in on (API Gateway's requestContext.domainName):
    the template cannot pass the API's own URL to the function without a circular dependency."""
    return settings.public_base_url or (f"https://{domain_name}" if domain_name else "")
