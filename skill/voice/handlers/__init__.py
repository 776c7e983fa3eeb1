"""Request handlers, one module per intent group. Registration order lives in skill/voice/skill.py."""
