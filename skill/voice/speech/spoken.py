"""A reply's numbers as the TTS should read them, where the card's written form could be misread.

Cards show numbers the way the locale writes them ("6 240 pas", "81,2 kilos", "12.500 passi"). Read
aloud, a decimal comma can come out as a pause between two numbers and a spaced or dotted group as two
numbers, so locales whose catalogue says `speech_numbers: digits` hear plain digits with the decimal
separator said as a word: "6240 pas", "81 virgule 2 kilos". The others (English, German) keep the
written form, which their voices read correctly. Numbers in replies come only from the Formatter, so
a separator between digits is always a number's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.voice.speech.catalogue import Catalogue


def tidy(text: str) -> str:
    """One full stop where an abbreviation ends a sentence: "to 5:23 a.m.." -> "to 5:23 a.m."."""
    return text.replace("..", ".")


def for_speech(text: str, cat: Catalogue) -> str:
    """`text` with its numbers rewritten for the ear, per the catalogue's `speech_numbers` setting."""
    if cat.setting("speech_numbers") != "digits":
        return text
    group, decimal = cat.setting("group"), cat.setting("decimal")
    # A group separator sits between a digit and exactly three more digits (or two, Indian style).
    text = re.sub(rf"(?<=\d){re.escape(group)}(?=\d{{2,3}}(?!\d))", "", text)
    word = cat("number.decimal_point")
    return re.sub(rf"(?<=\d){re.escape(decimal)}(?=\d)", f" {word} ", text)
