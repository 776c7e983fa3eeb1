"""Query results → the words of a reply: short, the number first, one comparison where it helps.

Replies report values and how fresh they are; they never judge them ("high", "healthy") and give no
advice. "No data" is an answer, said plainly, with the likely reason (a device still syncing), not
a zero. Every word comes from the locale's catalogue through the Formatter; which words a metric
takes comes from its spec (skill/voice/specs.py). One module per handler.
"""
