"""DynamoAccounts: the Accounts port (skill.accounts) over the link table."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from skill.accounts import AccountsUnavailable, LinkedAccount, NotLinked, RelinkRequired
from skill.observability import log_event
from skill.secrets import SecretsUnavailable
from skill.store.crypto import Sealer
from skill.store.errors import CredentialsUnreadable, StoreError
from skill.store.records import OAuth1Secret
from skill.store.refresh import Refresher, TokenRefresher
from skill.store.repository import LinkRepository
from skill.withings.auth import BearerAuth, OAuth1Credentials, OAuth2Tokens
from skill.withings.deadline import Deadline

if TYPE_CHECKING:
    from skill.config import Settings
    from skill.store.records import Link
    from skill.withings.auth import RequestAuth
    from skill.withings.errors import WithingsError

# SkillDisabled and unlink events are not answered by voice, but should not hang either.
_EVENT_SECONDS = 5.0


class DynamoAccounts:
    def __init__(
        self,
        repo: LinkRepository,
        settings: Settings,
        consumer_secret: Callable[[], str],
        refresher: TokenRefresher | None = None,
    ) -> None:
        self._repo = repo
        self._settings = settings
        self._consumer_secret = consumer_secret
        self._refresher = refresher or TokenRefresher(repo, self._withings_refresher, _is_refusal)

    @classmethod
    def from_settings(cls) -> DynamoAccounts:
        from skill import secrets
        from skill.config import get_settings

        settings = get_settings()
        repo = LinkRepository(settings.table_name, sealer=lambda: Sealer.from_b64(secrets.token_key()))
        return cls(repo, settings, secrets.consumer_secret)

    # -- the port ----------------------------------------------------------------------------------

    def resolve(self, access_token: str, deadline: Deadline) -> LinkedAccount:
        if not access_token:
            raise NotLinked("no access token")
        with _translated_errors():
            link_id = self._repo.access_link_id(access_token, deadline)
            if link_id is None:
                raise NotLinked("unknown or expired access token")
            link = self._repo.get_link(link_id, deadline)
            if link is None:
                raise NotLinked("the link is gone")
            if link.dead:
                raise RelinkRequired(link_id)
            return self._account(link, deadline)

    def reauthorize(self, account: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        auth = account.auth
        if not isinstance(auth, BearerAuth):
            # OAuth 1.0a tokens never expire: Withings refusing one means it was revoked.
            self.relink_required(account.link_id)
            raise RelinkRequired(account.link_id)
        with _translated_errors():
            link = self._repo.get_link(account.link_id, deadline)
            if link is None:
                raise NotLinked("the link is gone")
            # One refresh under the lease, shared with every other request that saw the same refusal;
            # a refresh Withings refuses marks the link dead (RelinkRequired).
            tokens = self._refresher.current(link, deadline, refused=auth.access_token)
        return LinkedAccount(
            link_id=link.link_id, auth=BearerAuth(tokens.access_token), withings_userid=tokens.userid
        )

    def relink_required(self, link_id: str) -> None:
        try:
            self._repo.mark_dead(link_id, Deadline.after(_EVENT_SECONDS))
        except StoreError as exc:
            # Best effort: the next data call is refused again and lands here once more.
            log_event("accounts_mark_dead", outcome="store_unavailable", error=type(exc).__name__)
            return
        log_event("accounts_mark_dead", outcome="ok", link_id=link_id)

    def forget_alexa_user(self, alexa_user_id: str, access_token: str | None) -> None:
        deadline = Deadline.after(_EVENT_SECONDS)
        try:
            link_ids: list[str] = []
            if alexa_user_id:
                mapped = self._repo.alexa_link_id(alexa_user_id, deadline)
                if mapped:
                    link_ids.append(mapped)
            if access_token:
                # An expired access token still names its link: look it up without the expiry check.
                by_token = self._repo.access_link_id(access_token, deadline, include_expired=True)
                if by_token and by_token not in link_ids:
                    link_ids.append(by_token)
            deleted = sum(self._repo.purge_link(link_id, deadline) for link_id in link_ids)
            if alexa_user_id:
                self._repo.unmap_alexa_user(alexa_user_id, deadline)
        except StoreError as exc:
            log_event("accounts_forget", outcome="store_unavailable", error=type(exc).__name__)
            raise AccountsUnavailable("storage unavailable") from exc
        log_event("accounts_forget", outcome="ok", links=len(link_ids), items=deleted)

    def remember_alexa_user(self, alexa_user_id: str, access_token: str) -> None:
        if not alexa_user_id or not access_token:
            return
        deadline = Deadline.after(_EVENT_SECONDS)
        try:
            link_id = self._repo.access_link_id(access_token, deadline)
            if link_id is None:
                log_event("accounts_remember", outcome="unknown_token")
                return
            previous = self._repo.alexa_link_id(alexa_user_id, deadline)
            if previous == link_id:
                return
            if previous is not None:
                previous_created = self._repo.link_created_at(previous, deadline)
                current_created = self._repo.link_created_at(link_id, deadline)
                if previous_created is not None and (current_created or 0.0) < previous_created:
                    return  # a stale token from before the person linked again: keep the newer link
            self._repo.map_alexa_user(alexa_user_id, link_id, deadline)
            if previous is not None:
                # The person linked again; Alexa has dropped the old tokens, so the old link is garbage.
                self._repo.purge_link(previous, deadline)
        except StoreError as exc:
            log_event("accounts_remember", outcome="store_unavailable", error=type(exc).__name__)
            raise AccountsUnavailable("storage unavailable") from exc
        log_event("accounts_remember", outcome="ok", link_id=link_id, replaced=previous is not None)

    # -- helpers -----------------------------------------------------------------------------------

    def _account(self, link: Link, deadline: Deadline) -> LinkedAccount:
        creds = link.credentials
        auth: RequestAuth
        if isinstance(creds, OAuth1Secret):
            from skill.withings.oauth1 import OAuth1Auth

            auth = OAuth1Auth(
                OAuth1Credentials(
                    consumer_key=self._settings.consumer_key,
                    consumer_secret=self._consumer_secret(),
                    token=creds.token,
                    token_secret=creds.token_secret,
                    userid=creds.userid,
                )
            )
            return LinkedAccount(link_id=link.link_id, auth=auth, withings_userid=creds.userid)
        tokens: OAuth2Tokens = self._refresher.current(link, deadline)
        return LinkedAccount(
            link_id=link.link_id, auth=BearerAuth(tokens.access_token), withings_userid=tokens.userid
        )

    def _withings_refresher(self) -> Refresher:
        from skill.withings import oauth2

        client = oauth2.OAuth2Client(
            client_id=self._settings.consumer_key,
            client_secret=self._consumer_secret(),
            authorize_url=self._settings.oauth2_authorize_url,
            token_url=self._settings.oauth2_token_url,
        )

        def refresh(tokens: OAuth2Tokens, deadline: Deadline, now: datetime) -> OAuth2Tokens:
            return oauth2.refresh(
                client, tokens.refresh_token, deadline=deadline, now=now, userid=tokens.userid
            )

        return refresh


@contextlib.contextmanager
def _translated_errors() -> Iterator[None]:
    """Storage and secret failures become the port's errors (the voice layer speaks those)."""
    try:
        yield
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


def _is_refusal(exc: WithingsError) -> bool:
    from skill.withings import oauth2

    return oauth2.is_refusal(exc)
