"""English beyond the US and UK (en-CA, en-AU, en-IN): what each adds to english.py's samples.

en-CA starts from the American samples (Canadian English asks like American English, in kilometres);
en-AU and en-IN from the British ones without stone (a British unit nobody there weighs in). Each
then adds the phrasings of its own speakers. Computed from english.GB_EXTRA_SAMPLES, so a sample
added for Britain reaches Australia and India too.
"""

from __future__ import annotations

from interaction_model.tools.english import GB_EXTRA_SAMPLES

D = "[ {date}]"
P = "[ {period}]"

# Britain's extra ways of asking, less the stone ones.
GB_WITHOUT_STONE: dict[str, tuple[str, ...]] = {
    intent: tuple(t for t in templates if "stone" not in t)
    for intent, templates in GB_EXTRA_SAMPLES.items()
    if any("stone" not in t for t in templates)
}

CA_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "ActivityIntent": (f"how many {{metric}} did I (run|cover){D}",),
    "BodyIntent": ("what do I weigh in (pounds|kilos)",),
}
CA_EXTRA_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ACTIVITY_METRIC": {"DISTANCE": ("k's", "clicks")},
}

AU_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "DailyDigestIntent": (f"how am I going{D}", f"how am I tracking{D}", f"how'd I go{D}"),
    "ActivityIntent": (f"how many {{metric}} have I covered{D}",),
    "WorkoutIntent": (f"did I hit the gym{D}", f"did I go for a jog{D}"),
    "BodyIntent": ("what do I weigh in kilos",),
}
AU_EXTRA_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ACTIVITY_METRIC": {"DISTANCE": ("k's", "ks")},
}

IN_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "DailyDigestIntent": (f"tell me my (health|fitness) status{D}", f"what is my health status{D}"),
    "ActivityIntent": (f"how many {{metric}} did I cover{D}", f"how much walking did I do{D}"),
    "BodyIntent": ("what is my current weight in kilos", "what is my weight in kilos"),
    "SleepIntent": (f"how many hours of sleep did I get{D}",),
}
IN_EXTRA_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ACTIVITY_METRIC": {"DISTANCE": ("kms", "kays")},
}
