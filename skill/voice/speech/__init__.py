"""Speech: per-locale catalogues, number/unit/time formatting, reply composition, SSML."""
