"""What the voice skill is built with: the accounts, how to make a data client, and "now".

The composition root (skill.composition) builds one per container; tests build their own with fakes
(skill.accounts.memory.MemoryAccounts, an in-memory data source, a pinned clock). The request context
carries them to the handlers (handlers.common.open_data), so no handler reaches for a global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from skill import clock

if TYPE_CHECKING:
    from skill.accounts import Accounts, LinkedAccount
    from skill.voice.queries import DataSource
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline

    # (refused credentials, deadline) -> credentials to retry with (skill.withings.api.Reauthorize)
    Reauthorize = Callable[[RequestAuth, Deadline], RequestAuth]

# (the linked account: its credentials and Withings userid, its reauthorisation) -> the request's
# data client (in the composition root: the live client behind the user's cache)
DataClientFactory = Callable[["LinkedAccount", "Reauthorize"], "DataSource"]


@dataclass(frozen=True)
class VoiceServices:
    # Made on first call: a request without a token (the LinkAccount answer) never loads storage.
    accounts: Callable[[], Accounts]
    data_client: DataClientFactory
    now: Callable[[], datetime] = clock.now  # the instant "today" is computed from (real, or PINNED_NOW)
    # Once a day per user, re-subscribe vanished Withings notifications (never raises; skill.notifications)
    reconcile: Callable[[LinkedAccount, Deadline], None] | None = None
