"""Replies that need no data: launch, help, fallback, goodbye, the link-account prompt, apologies.

Kept apart from the data replies (speech/replies/) so that answering a prompt or an unlinked request
loads none of the query machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.speech.reply import Reply
from skill.voice.vocabulary import Outcome

if TYPE_CHECKING:
    from skill.voice.speech.format import Formatter


def launch(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("launch"), reprompt=fmt.cat("launch.reprompt"), end_session=False, outcome=Outcome.PROMPT
    )


def help_(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("help"),
        card_title=fmt.cat("card.help"),
        card_text=fmt.cat("help.card"),
        reprompt=fmt.cat("help.reprompt"),
        end_session=False,
        outcome=Outcome.PROMPT,
    )


def fallback(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("fallback"), reprompt=fmt.cat("fallback.reprompt"), end_session=False, outcome=Outcome.PROMPT
    )


def goodbye(fmt: Formatter) -> Reply:
    return Reply(fmt.cat("goodbye"), outcome=Outcome.PROMPT)


def unknown_intent(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("unknown_intent"),
        reprompt=fmt.cat("fallback.reprompt"),
        end_session=False,
        outcome=Outcome.UNKNOWN,
    )


def link_account(fmt: Formatter, key: str = "link.prompt") -> Reply:
    """One sentence and a LinkAccount card in the Alexa app; the session ends (never loop)."""
    return Reply(fmt.cat(key), link_account=True, outcome=Outcome.LINK_PROMPT)


def apology(fmt: Formatter, key: str, outcome: str) -> Reply:
    """A short apology saying what happened ("error.timeout", "error.rate_limited", ...).

    `outcome` is an Outcome (a plain string works too: StrEnum members are strings).
    """
    return Reply(fmt.cat(key), outcome=outcome)


def not_yet(fmt: Formatter) -> Reply:
    """A follow-up that steps past today ("and the day after" last night): nothing has happened.

    A conversation goes on after it (handlers.common.respond asks "anything else?")."""
    return Reply(fmt.cat("followup.not_yet"), outcome=Outcome.NO_DATA)


def follow_up_unclear(fmt: Formatter) -> Reply:
    """ "What about the day before" with nothing asked before it: ask what they would like to know."""
    return Reply(
        fmt.cat("followup.unclear"),
        reprompt=fmt.cat("fallback.reprompt"),
        end_session=False,
        outcome=Outcome.PROMPT,
    )


def unreadable_date(fmt: Formatter, reply: Reply, when: str | None) -> Reply:
    """The answer for the default period, saying that it is (`when`; None: "the latest")."""
    lead = fmt.cat("period.unreadable", when=when) if when else fmt.cat("period.unreadable_latest")
    return reply._replace(text=f"{lead} {reply.text}", card_text=reply.card_text or reply.text)
