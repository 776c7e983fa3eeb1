"""MemoryAccounts: the Accounts interface in memory, scripted by tests (voice unit tests, fakes).

A test links access tokens to accounts, makes some tokens fail, and says what a reauthorisation of
a link hands out next (an OAuth2 refresh that works). A reauthorisation with nothing to hand out is a
refused grant: the link ends, as in skill.accounts.stored. Every call is recorded for assertions.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING

from skill.accounts.exceptions import NotLinked, RelinkRequired

if TYPE_CHECKING:
    from skill.accounts.base import LinkedAccount
    from skill.accounts.exceptions import AccountError
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline


class MemoryAccounts:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._links: dict[str, str] = {}  # Alexa access token -> link id
        self._accounts: dict[str, LinkedAccount] = {}  # link id -> its current account
        self._failures: dict[str, AccountError] = {}  # Alexa access token -> what resolve raises
        self._renewals: dict[str, list[RequestAuth]] = {}  # link id -> what reauthorize hands out next
        self.resolved: list[float] = []  # the deadline budget each resolve was given
        self.reauthorized: list[str] = []  # link ids
        self.ended: list[str] = []  # link ids whose grant was refused
        self.forgotten: list[tuple[str, tuple[str | None, ...]]] = []
        self.remembered: list[tuple[str, str, str | None]] = []  # (user, token, person)
        self.people: list[tuple[str, str, str]] = []  # remember_person: (user, person, link id)

    # -- scripting ---------------------------------------------------------------------------------

    def link(self, access_token: str, account: LinkedAccount) -> None:
        with self._lock:
            self._links[access_token] = account.link_id
            self._accounts[account.link_id] = account

    def fail(self, access_token: str, error: AccountError) -> None:
        with self._lock:
            self._failures[access_token] = error

    def renew(self, link_id: str, auth: RequestAuth) -> None:
        """The next reauthorisation of `link_id` succeeds with `auth`."""
        with self._lock:
            self._renewals.setdefault(link_id, []).append(auth)

    # -- the interface -----------------------------------------------------------------------------

    def resolve(self, access_token: str, deadline: Deadline) -> LinkedAccount:
        with self._lock:
            self.resolved.append(deadline.remaining())
            failure = self._failures.get(access_token)
            if failure is not None:
                raise failure
            link_id = self._links.get(access_token)
            if link_id is None or link_id not in self._accounts:
                raise NotLinked("unknown token")
            if link_id in self.ended:
                raise RelinkRequired(link_id)
            return self._accounts[link_id]

    def reauthorize(self, account: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        with self._lock:
            self.reauthorized.append(account.link_id)
            if account.link_id in self.ended:
                raise RelinkRequired(account.link_id)
            renewals = self._renewals.get(account.link_id)
            if not renewals:
                self.ended.append(account.link_id)
                raise RelinkRequired(account.link_id)
            renewed = dataclasses.replace(account, auth=renewals.pop(0))
            self._accounts[account.link_id] = renewed
            return renewed

    def forget_alexa_user(self, alexa_user_id: str, *access_tokens: str | None) -> None:
        with self._lock:
            self.forgotten.append((alexa_user_id, access_tokens))
            for token in access_tokens:
                if token is not None:
                    self._links.pop(token, None)

    def remember_alexa_user(
        self, alexa_user_id: str, access_token: str, *, person_id: str | None = None
    ) -> None:
        with self._lock:
            self.remembered.append((alexa_user_id, access_token, person_id))

    def remember_person(self, alexa_user_id: str, person_id: str, link_id: str, deadline: Deadline) -> None:
        with self._lock:
            self.people.append((alexa_user_id, person_id, link_id))
