"""The Accounts interface: what the voice skill needs from account storage, per request.

Given the access token Alexa sent, the Withings authorisation to call the data API with; when
Withings refuses it, one more chance (OAuth2: a refreshed token); and the two skill events. How that
is stored, decrypted and refreshed under a per-user lease is the implementation's business
(skill.accounts.stored over skill.store; skill.accounts.memory for tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline


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

        OAuth2: the access token may have died before its stored expiry, so it is refreshed (once per
        user, under the refresh lease); only Withings refusing the refresh token ends the link
        (RelinkRequired). OAuth1: the signed call was refused, which only a revoked grant explains:
        the link ends (RelinkRequired). Raises the same errors as resolve.
        """
        ...

    def forget_alexa_user(self, alexa_user_id: str, *access_tokens: str | None) -> None:
        """AlexaSkillEvent.SkillDisabled: delete the account's link, the links of its recognised
        speakers (the skill is disabled for the whole household), the links of the tokens the event
        carries, and every token issued for them."""
        ...

    def remember_alexa_user(
        self, alexa_user_id: str, access_token: str, *, person_id: str | None = None
    ) -> None:
        """AlexaSkillEvent.SkillAccountLinked: map the Alexa userId (or, with `person_id`, that
        recognised speaker of it) to the token's link; a link it replaces is purged."""
        ...

    def remember_person(self, alexa_user_id: str, person_id: str, link_id: str, deadline: Deadline) -> None:
        """A recognised speaker asked with their own token (profile-level link): map them to its link,
        so SkillDisabled finds it. Best effort and cheap after the first time (never raises)."""
        ...
