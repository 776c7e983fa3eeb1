"""The port between the voice skill and account storage.

The voice layer needs one thing per request: given the access token Alexa sent, the Withings
authorisation to call the data API with. How that is stored, decrypted and (for OAuth2) refreshed
under a per-user lease is skill/store's and skill/linking's business.

CONTRACT: skill/voice calls get_accounts(); skill/store provides the DynamoDB implementation;
tests may install their own with set_accounts().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline


class AccountError(Exception):
    """Root of the account errors the voice layer turns into speech."""


class NotLinked(AccountError):
    """No token, an unknown token, or an expired one: say so and show a LinkAccount card."""


class RelinkRequired(AccountError):
    """Withings refused the stored credentials (revoked, dead refresh token): link again."""


class AccountsUnavailable(AccountError):
    """Storage or a token refresh failed transiently: try again in a moment."""


@dataclass(frozen=True)
class LinkedAccount:
    link_id: str  # opaque, stable per linked Withings user; safe to log
    auth: RequestAuth
    withings_userid: str


class Accounts(Protocol):
    def resolve(self, access_token: str, deadline: Deadline) -> LinkedAccount:
        """The Withings authorisation behind an access token the linking facade issued to Alexa.

        Raises NotLinked, RelinkRequired or AccountsUnavailable.
        """
        ...

    def reauthorize(self, account: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        """Withings refused `account`'s credentials on a data call: the account to retry with once.

        OAuth2: the access token may have died before its stored expiry, so refresh it (once per
        user, under the refresh lease). OAuth1, or a refresh Withings refuses: mark the link dead and
        raise RelinkRequired. Raises the same errors as resolve.
        """
        ...

    def relink_required(self, link_id: str) -> None:
        """Withings refused the credentials during a data call: mark the link dead."""
        ...

    def forget_alexa_user(self, alexa_user_id: str, access_token: str | None) -> None:
        """AlexaSkillEvent.SkillDisabled: delete the user's link and every token issued for it."""
        ...

    def remember_alexa_user(self, alexa_user_id: str, access_token: str) -> None:
        """AlexaSkillEvent.SkillAccountLinked (and first use): map the Alexa userId to the link."""
        ...


_accounts: Accounts | None = None


def set_accounts(accounts: Accounts | None) -> None:
    """Install an implementation (tests), or None to go back to the configured default."""
    global _accounts  # noqa: PLW0603 - one per container, created lazily on purpose
    _accounts = accounts


def get_accounts() -> Accounts:
    """The container's Accounts, created on first use (DynamoDB-backed)."""
    global _accounts  # noqa: PLW0603
    if _accounts is None:
        from skill.store.accounts import DynamoAccounts  # deferred: boto3 only when a request needs it

        _accounts = DynamoAccounts.from_settings()
    return _accounts
