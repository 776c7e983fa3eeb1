"""The daily digest as three tiles: steps against the goal, last night's sleep, the latest weight.

A part Withings could not deliver says so on its tile, as the answer says it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from skill.voice.queries.digest import DigestPart
from skill.voice.screens.figures import sentence_case
from skill.voice.screens.records import NONE, Digest, Document, Picture, Screen, Tile
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.digest import DigestResult
    from skill.voice.speech.format import Formatter

BOX: Final = 1000
_NO_VALUE: Final = "–"


def digest(result: DigestResult, fmt: Formatter) -> Screen:
    picture = Digest(
        title=fmt.cat("card.digest"),
        tiles=(_steps(result, fmt), _sleep(result, fmt), _weight(result, fmt)),
    )
    return Screen(Picture.DIGEST, Document.DIGEST, picture)


def _missing(fmt: Formatter, part: DigestPart, result: DigestResult) -> Tile:
    key = "screen.unavailable" if part in result.failed else "screen.nothing_yet"
    return Tile(fmt.cat(f"screen.digest.{part}"), _NO_VALUE, fmt.cat(key))


def _steps(result: DigestResult, fmt: Formatter) -> Tile:
    record = result.steps.day(fmt.today) if result.steps is not None else None
    if record is None or not record.steps:
        return _missing(fmt, DigestPart.STEPS, result)
    steps = float(record.steps)
    goal = result.goals.steps if result.goals is not None else None
    if not goal:
        return Tile(fmt.cat("screen.digest.steps"), fmt.steps(steps), fmt.cat("when.today"))
    # The percent and goal as the digest says them ("62 percent of your 10,000 step goal").
    detail = fmt.cat(
        "screen.digest.goal", percent=fmt.percent(100.0 * steps / goal, 0), goal=fmt.number(goal)
    )
    progress = min(BOX, round(steps / goal * BOX))
    return Tile(fmt.cat("screen.digest.steps"), fmt.steps(steps), detail, progress)


def _sleep(result: DigestResult, fmt: Formatter) -> Tile:
    night = result.sleep.night if result.sleep is not None else None
    if night is None or not night.total_sleep_s:
        return _missing(fmt, DigestPart.SLEEP, result)
    span = fmt.cat("screen.night.span", start=fmt.clock(night.start), end=fmt.clock(night.end))
    return Tile(fmt.cat("screen.digest.sleep"), fmt.duration(night.total_sleep_s), span, NONE)


def _weight(result: DigestResult, fmt: Formatter) -> Tile:
    reading = result.weight.latest if result.weight is not None else None
    if reading is None:
        return _missing(fmt, DigestPart.WEIGHT, result)
    fresh = sentence_case(fmt.fresh(reading.taken_at, Freshness.WEIGH_IN))
    return Tile(fmt.cat("screen.digest.weight"), fmt.weight(reading.value), fresh, NONE)
