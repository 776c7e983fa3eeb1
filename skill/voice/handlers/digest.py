"""DailyDigestIntent: "how am I doing today" — steps, last night's sleep, the latest weight.

The digest is always about today (its date slot is accepted, not used): the parts are fetched
concurrently within the deadline and a part that fails is named rather than sinking the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class DigestHandler(DataHandler):
    intent = Intent.DIGEST
    progress_key = "progress.digest"

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import digest as queries
        from skill.voice.speech.replies import digest as replies

        result = queries.digest(data.api, data.clock, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.digest import digest

            return digest(result, data.fmt)

        return with_screen(data.handler_input, replies.digest(result, data.fmt), picture)
