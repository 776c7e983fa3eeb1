"""DailyDigestIntent's reply: steps (against the goal), last night's sleep, the latest weight, and
an offer of the weight trend that "yes" accepts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.speech.replies.answer import Card
from skill.voice.speech.reply import Reply
from skill.voice.vocabulary import Freshness, Offer

if TYPE_CHECKING:
    from skill.voice.queries.digest import DigestResult
    from skill.voice.speech.format import Formatter


def digest(result: DigestResult, fmt: Formatter) -> Reply:
    parts: list[str] = []
    if result.steps is not None:
        record = result.steps.day(fmt.today)
        steps = float(record.steps) if record is not None and record.steps else None
        goal = result.goals.steps if result.goals is not None else None
        if steps is None:
            parts.append(fmt.cat("digest.steps_none"))
        elif goal:
            percent = fmt.percent(100.0 * steps / goal, 0)
            parts.append(
                fmt.cat("digest.steps_goal", steps=fmt.steps(steps), percent=percent, goal=fmt.number(goal))
            )
        else:
            parts.append(fmt.cat("digest.steps", steps=fmt.steps(steps)))
    if result.sleep is not None:
        night = result.sleep.night
        if night is not None and night.total_sleep_s:
            parts.append(fmt.cat("digest.sleep", duration=fmt.duration(night.total_sleep_s)))
        else:
            parts.append(fmt.cat("digest.sleep_none"))
    weight = result.weight.latest if result.weight is not None else None
    if weight is not None:
        fresh = fmt.fresh(weight.taken_at, Freshness.WEIGH_IN)
        parts.append(fmt.cat("digest.weight", value=fmt.weight(weight.value), fresh=fresh))
    if result.failed:
        failed = fmt.join([fmt.cat(f"part.{part}") for part in result.failed])
        parts.append(fmt.cat("digest.failed", parts=failed))
    text = " ".join(parts)
    title = fmt.cat(Card.DIGEST.title_key)
    if weight is None:
        return Reply(text, card_title=title)
    # Offer the natural next question; "yes" answers it (AMAZON.YesIntent), anything else moves on.
    offer = fmt.cat("digest.offer")
    return Reply(
        f"{text} {offer}",
        card_title=title,
        card_text=text,
        reprompt=fmt.cat("digest.offer_reprompt"),
        end_session=False,
        offer=Offer.WEIGHT_TREND,
    )
