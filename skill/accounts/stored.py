"""StoredAccounts: the Accounts interface over skill.store (either backend).

This is the one place a link ends (`_end_link`): when Withings refuses the grant itself — a refused
OAuth1 signed call, or (OAuth2) a refused refresh token. A refusal of an access token is answered with
a refresh under the lease; a refusal of a just-refreshed token is the client's business (it raises
RefusedAfterRefreshError, spoken as "try again") and never ends the link here.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from skill.accounts.base import LinkedAccount
from skill.accounts.credentials import request_auth
from skill.accounts.exceptions import AccountsUnavailable, NotLinked, RelinkRequired
from skill.accounts.refresh import GrantRefused, TokenRefresher, persist_deadline
from skill.observability import log_event
from skill.secrets import SecretsUnavailable
from skill.store.errors import CredentialsUnreadable, StoreError
from skill.store.records import OAuth1Secret
from skill.withings.auth import BearerAuth
from skill.withings.deadline import Deadline

if TYPE_CHECKING:
    from skill.accounts.refresh import Refresher
    from skill.store.base import Store
    from skill.store.records import Link
    from skill.withings.auth import OAuth2Tokens

# SkillDisabled and unlink events are not answered by voice, but should not hang either.
_EVENT_SECONDS = 5.0
# Mapping a recognised speaker on their first question must not cost the answer its time.
_PERSON_MAP_CAP_S = 0.8
_PEOPLE_SEEN_MAX = 10_000


class StoredAccounts:
    def __init__(
        self,
        store: Store,
        *,
        consumer_key: str,
        consumer_secret: Callable[[], str],
        refresh: Refresher,
        forgotten: Callable[[LinkedAccount, Deadline], None] | None = None,
    ) -> None:
        self._store = store
        # SkillDisabled, per link before its purge: revoke the Withings subscriptions, drop the cache.
        self._forgotten = forgotten
        self._consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._refresher = TokenRefresher(store, refresh)
        self._people_seen: set[str] = set()  # remember_person's memo, per container
        self._people_lock = threading.Lock()

    # -- the interface -----------------------------------------------------------------------------

    def resolve(self, access_token: str, deadline: Deadline) -> LinkedAccount:
        if not access_token:
            raise NotLinked("no access token")
        with self._translated_errors(deadline):
            link_id = self._store.access_link_id(access_token, deadline)
            if link_id is None:
                raise NotLinked("unknown or expired access token")
            link = self._store.get_link(link_id, deadline)
            if link is None:
                raise NotLinked("the link is gone")
            if link.dead:
                raise RelinkRequired(link_id)
            return self._account(link, deadline)

    def reauthorize(self, account: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        auth = account.auth
        if not isinstance(auth, BearerAuth):
            # OAuth 1.0a tokens never expire: Withings refusing a signed call means it was revoked.
            self._end_link(account.link_id, deadline)
            raise RelinkRequired(account.link_id)
        with self._translated_errors(deadline):
            link = self._store.get_link(account.link_id, deadline)
            if link is None:
                raise NotLinked("the link is gone")
            # One refresh under the lease, shared with every other request that saw the same refusal.
            tokens = self._refresher.current(link, deadline, refused=auth.access_token)
        return _bearer(link.link_id, tokens)

    def forget_alexa_user(self, alexa_user_id: str, *access_tokens: str | None) -> None:
        deadline = Deadline.after(_EVENT_SECONDS)
        store = self._store
        try:
            link_ids: list[str] = []
            if alexa_user_id:
                mapped = store.alexa_link_id(alexa_user_id, deadline)
                if mapped:
                    link_ids.append(mapped)
                # Disabling the skill ends it for the whole household: every recognised speaker's
                # own link goes too (the event names the account, not a person).
                link_ids += store.person_link_ids(alexa_user_id, deadline)
            for token in access_tokens:
                if token:
                    # An expired access token still names its link: look it up without the expiry check.
                    link_ids.append(store.access_link_id(token, deadline, include_expired=True) or "")
            link_ids = list(dict.fromkeys(link for link in link_ids if link))
            for link_id in link_ids:
                self._before_purge(link_id, deadline)
            deleted = sum(store.purge_link(link_id, deadline) for link_id in link_ids)
            if alexa_user_id:
                store.unmap_alexa_user(alexa_user_id, deadline)
        except StoreError as exc:
            log_event("accounts_forget", outcome="store_unavailable", error=type(exc).__name__)
            raise AccountsUnavailable("storage unavailable") from exc
        log_event("accounts_forget", outcome="ok", links=len(link_ids), items=deleted)

    def _before_purge(self, link_id: str, deadline: Deadline) -> None:
        """Best effort: the purge goes ahead whatever Withings or the cache say."""
        if self._forgotten is None:
            return
        try:
            link = self._store.get_link(link_id, deadline)
        except CredentialsUnreadable:
            return  # nothing to revoke with; the cache's TTL ends what is left
        if link is None:
            return
        creds = link.credentials
        # The stored access token as it is: no refresh for a goodbye (a refused revoke is only logged).
        auth = request_auth(creds, self._consumer_key, self._consumer_secret())
        try:
            self._forgotten(LinkedAccount(link_id=link_id, auth=auth, withings_userid=creds.userid), deadline)
        except Exception as exc:  # never in the way of the purge
            log_event("accounts_forget", outcome="cleanup_failed", error=type(exc).__name__)

    def remember_alexa_user(
        self, alexa_user_id: str, access_token: str, *, person_id: str | None = None
    ) -> None:
        if not alexa_user_id or not access_token:
            return
        deadline = Deadline.after(_EVENT_SECONDS)
        try:
            link_id = self._store.access_link_id(access_token, deadline)
            if link_id is None:
                log_event("accounts_remember", outcome="unknown_token")
                return
            replaced = self._map(alexa_user_id, person_id, link_id, deadline)
        except StoreError as exc:
            log_event("accounts_remember", outcome="store_unavailable", error=type(exc).__name__)
            raise AccountsUnavailable("storage unavailable") from exc
        log_event(
            "accounts_remember",
            outcome="ok",
            link_id=link_id,
            replaced=replaced,
            speaker="person" if person_id else "account",
        )

    def remember_person(self, alexa_user_id: str, person_id: str, link_id: str, deadline: Deadline) -> None:
        # Never the personId itself in memory or logs: a hash of the three is what is remembered.
        seen = hashlib.sha256(f"{alexa_user_id}\x00{person_id}\x00{link_id}".encode()).hexdigest()
        if not alexa_user_id or not person_id or seen in self._people_seen:
            return
        try:
            self._map(alexa_user_id, person_id, link_id, deadline.shorter(_PERSON_MAP_CAP_S))
        except Exception as exc:
            log_event("accounts_remember_person", outcome="failed", error=type(exc).__name__)
            return
        with self._people_lock:
            if len(self._people_seen) >= _PEOPLE_SEEN_MAX:
                self._people_seen.clear()
            self._people_seen.add(seen)

    def _map(self, alexa_user_id: str, person_id: str | None, link_id: str, deadline: Deadline) -> bool:
        """Map the user (or person) to `link_id`; True when that replaced (and purged) another link."""
        store = self._store
        previous = store.alexa_link_id(alexa_user_id, deadline, person_id=person_id)
        if previous == link_id:
            return False
        if previous is not None:
            previous_created = store.link_created_at(previous, deadline)
            current_created = store.link_created_at(link_id, deadline)
            if previous_created is not None and (current_created or 0.0) < previous_created:
                return False  # a stale token from before the person linked again: keep the newer link
        store.map_alexa_user(alexa_user_id, link_id, deadline, person_id=person_id)
        if previous is not None:
            # They linked again; Alexa has dropped the old tokens, so the old link is garbage. Only
            # the same key's previous link: a person's link never replaces the account's, or others'.
            store.purge_link(previous, deadline)
        return previous is not None

    # -- helpers -----------------------------------------------------------------------------------

    def _account(self, link: Link, deadline: Deadline) -> LinkedAccount:
        creds = link.credentials
        if isinstance(creds, OAuth1Secret):
            auth = request_auth(creds, self._consumer_key, self._consumer_secret())
            return LinkedAccount(link_id=link.link_id, auth=auth, withings_userid=creds.userid)
        return _bearer(link.link_id, self._refresher.current(link, deadline))

    def _end_link(self, link_id: str, deadline: Deadline) -> None:
        """Withings refused the grant itself: keep the link, dead, so every later request says "link
        again" without calling Withings. Best effort: if the write fails, the next data call is
        refused again and ends up here once more."""
        try:
            self._store.mark_dead(link_id, persist_deadline(deadline))
        except StoreError as exc:
            log_event("accounts_mark_dead", outcome="store_unavailable", error=type(exc).__name__)
            return
        log_event("accounts_mark_dead", outcome="ok", link_id=link_id)

    @contextlib.contextmanager
    def _translated_errors(self, deadline: Deadline) -> Iterator[None]:
        """Storage and secret failures become the interface's errors (the voice layer speaks those)."""
        try:
            yield
        except GrantRefused as exc:
            self._end_link(exc.link_id, deadline)  # why: the withings_refresh line just before
            raise
        except CredentialsUnreadable as exc:
            # Only a new link can repair credentials that no longer decrypt under the key.
            log_event("accounts_resolve", outcome="unreadable_credentials")
            raise RelinkRequired("stored credentials unreadable") from exc
        except StoreError as exc:
            log_event("accounts_resolve", outcome="store_unavailable", error=type(exc).__name__)
            raise AccountsUnavailable("storage unavailable") from exc
        except SecretsUnavailable as exc:
            log_event("accounts_resolve", outcome="secrets_unavailable")
            raise AccountsUnavailable("secrets unavailable") from exc


def _bearer(link_id: str, tokens: OAuth2Tokens) -> LinkedAccount:
    return LinkedAccount(link_id=link_id, auth=BearerAuth(tokens.access_token), withings_userid=tokens.userid)
