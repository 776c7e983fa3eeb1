"""Withings OAuth2 refresh, exactly once per user even across Lambda instances.

Withings rotates refresh tokens: the previous one dies once the new access token is used, so two
concurrent refreshes for one user can leave the stored pair dead (Home Assistant's re-link storms).
The link item therefore carries a lease (lease_until, lease_owner) taken by a conditional write:
- the winner refreshes, persists the rotated pair under a version check BEFORE anyone uses it, and
  releases the lease in the same write;
- losers keep using the current access token if it still has life in it, otherwise poll the item
  with short sleeps until the version moves (or the deadline ends);
- a lease whose holder died simply expires after LEASE_SECONDS and the next caller takes it.
Withings refusing the refresh token is the end of the grant: GrantRefused, on which the accounts
layer ends the link (re-link needed). A transient failure leaves the stored tokens untouched.
"""

from __future__ import annotations

import contextlib
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from skill.accounts.exceptions import AccountsUnavailable, NotLinked, RelinkRequired
from skill.observability import log_event
from skill.store import clock
from skill.store.errors import ConditionFailed, StoreError
from skill.withings import oauth2
from skill.withings.auth import OAuth2Tokens
from skill.withings.deadline import Deadline
from skill.withings.errors import WithingsError

if TYPE_CHECKING:
    from skill.store.base import LinkStore
    from skill.store.records import Link
    from skill.withings.oauth2 import OAuth2Client

REFRESH_MARGIN_SECONDS = 300  # refresh a token this close to expiry
USABLE_MARGIN_SECONDS = 30  # ...but a token with more life than this can still answer this request
LEASE_SECONDS = 5.0  # longer than a refresh may take (its timeout is below this)
_POLL_SECONDS = (0.05, 0.15)  # jittered so waiting instances do not read in lockstep
_PERSIST_SECONDS = 1.5  # persisting rotated tokens is worth a little time past the request's budget

# (current tokens, deadline, now) -> the new tokens; raises WithingsError
Refresher = Callable[[OAuth2Tokens, Deadline, datetime], OAuth2Tokens]


class GrantRefused(RelinkRequired):
    """Withings refused the refresh token: the grant is over (the accounts layer ends the link)."""

    def __init__(self, link_id: str) -> None:
        super().__init__(link_id)
        self.link_id = link_id


def withings_refresher(client: Callable[[], OAuth2Client]) -> Refresher:
    """Refresh at Withings' token endpoint with the container's one OAuth2 client (made on first use)."""

    def refresh(tokens: OAuth2Tokens, deadline: Deadline, now: datetime) -> OAuth2Tokens:
        return oauth2.refresh(
            client(), tokens.refresh_token, deadline=deadline, now=now, userid=tokens.userid
        )

    return refresh


class TokenRefresher:
    def __init__(
        self, links: LinkStore, refresh: Refresher, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._links = links
        self._refresh = refresh
        self._sleep = sleep

    def current(self, link: Link, deadline: Deadline, refused: str | None = None) -> OAuth2Tokens:
        """Tokens good for this request, refreshed (once, under the lease) if they are about to expire.

        `refused`: an access token Withings just refused before its stored expiry (revoked early,
        clock skew). While the stored token is still that one it counts as expired; once another
        request has replaced it, the replacement is used without a second refresh.
        """
        owner = uuid.uuid4().hex
        while True:
            if link.dead:
                raise RelinkRequired(link.link_id)
            tokens = link.credentials
            if not isinstance(tokens, OAuth2Tokens):
                raise AccountsUnavailable("not an OAuth2 link")
            now = clock.now()
            now_dt = datetime.fromtimestamp(now, UTC)
            is_refused = refused is not None and tokens.access_token == refused
            if not is_refused and not tokens.expires_within(REFRESH_MARGIN_SECONDS, now_dt):
                return tokens
            usable = not is_refused and not tokens.expires_within(USABLE_MARGIN_SECONDS, now_dt)
            if not link.leased(now) and self._links.try_lease(
                link.link_id, link.version, owner, LEASE_SECONDS, deadline
            ):
                fresh = self._refresh_as_owner(
                    link, tokens=tokens, owner=owner, usable=usable, now=now_dt, deadline=deadline
                )
                if fresh is not None:
                    return fresh
            elif usable:
                return tokens  # someone else is refreshing; this token still works meanwhile
            else:
                self._wait(deadline)
            reread = self._links.get_link(link.link_id, deadline)
            if reread is None:
                raise NotLinked(link.link_id)
            link = reread

    def _wait(self, deadline: Deadline) -> None:
        left = deadline.remaining() - 0.2  # keep time to read the item and answer
        if left <= 0:
            log_event("withings_refresh", outcome="wait_timeout")
            raise AccountsUnavailable("waited for another instance's refresh until the deadline")
        self._sleep(min(random.uniform(*_POLL_SECONDS), left))  # noqa: S311 - jitter, not crypto

    def _refresh_as_owner(
        self,
        link: Link,
        *,
        tokens: OAuth2Tokens,
        owner: str,
        usable: bool,
        now: datetime,
        deadline: Deadline,
    ) -> OAuth2Tokens | None:
        """Refresh while holding the lease. None: another instance persisted first; re-read."""
        started = time.monotonic()
        # The call must end before the lease does, and leave time to persist.
        budget = min(LEASE_SECONDS - 1.0, deadline.remaining() - 0.3)
        try:
            if budget <= 0:
                raise AccountsUnavailable("no time left to refresh")
            fresh = self._refresh(tokens, deadline.shorter(budget), now)
        except WithingsError as exc:
            if oauth2.is_refusal(exc):
                # The lease is left to expire: the link is about to end, nobody refreshes it again.
                log_event("withings_refresh", outcome="refused", link_id=link.link_id, status=exc.status)
                raise GrantRefused(link.link_id) from exc
            self._release(link.link_id, owner, deadline)
            log_event(
                "withings_refresh",
                outcome="transient",
                link_id=link.link_id,
                status=exc.status,
                error=type(exc).__name__,
            )
            if usable:
                return tokens
            raise AccountsUnavailable("Withings refresh failed transiently") from exc
        except BaseException:
            self._release(link.link_id, owner, deadline)
            raise
        try:
            self._links.save_credentials(link.link_id, link.version, fresh, persist_deadline(deadline))
        except ConditionFailed:
            # Someone persisted a newer pair (our lease must have expired): theirs wins, ours is
            # discarded unused, which Withings tolerates (the old pair dies only once a new one is used).
            log_event("withings_refresh", outcome="lost_race", link_id=link.link_id)
            return None
        except StoreError as exc:
            # Not persisted, so not used: the stored refresh token stays valid for the next attempt.
            self._release(link.link_id, owner, deadline)
            raise AccountsUnavailable("could not persist refreshed tokens") from exc
        log_event(
            "withings_refresh",
            outcome="ok",
            link_id=link.link_id,
            latency_ms=round((time.monotonic() - started) * 1000),
        )
        return fresh

    def _release(self, link_id: str, owner: str, deadline: Deadline) -> None:
        with contextlib.suppress(StoreError):  # the lease expires on its own
            self._links.release_lease(link_id, owner, persist_deadline(deadline))


def persist_deadline(deadline: Deadline) -> Deadline:
    """Writes that keep the store consistent with Withings get a little time past the request's."""
    return Deadline.after(max(deadline.remaining(), _PERSIST_SECONDS))
