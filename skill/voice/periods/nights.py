"""Which Withings nights a sleep question over a period means: Withings dates a night by its morning."""

from __future__ import annotations

from datetime import date, timedelta

from skill.voice.periods.period import Period


def sleep_nights(period: Period, today: date) -> tuple[date, date]:
    """The Withings night dates (the morning each sleep ended) a sleep question over `period` means.

    A single past day D means the night that began on the evening of D and ended on the morning of
    D+1: Alexa sends yesterday's date for "last night", and "Monday" / "Monday night" both mean the
    night from Monday into Tuesday. Today itself ("how did I sleep today", "this morning") means the
    night that ended this morning, since tonight has not happened. Several days mean the nights that
    ended on those mornings ("last week": every morning of last week).
    """
    if period.single_day:
        if period.start >= today:
            return today, today
        night = period.start + timedelta(days=1)
        return night, night
    return period.start, min(period.end, today)
