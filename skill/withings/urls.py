"""Withings' default endpoints, defined once (design.md's interface contract lists them).

No imports: skill.config reads these for its defaults without pulling in the client.
"""

from __future__ import annotations

# The data API (/measure, /v2/measure, /v2/sleep, /v2/user); WITHINGS_API_URL overrides it.
API_URL = "https://wbsapi.withings.net"
# The legacy OAuth 1.0a base of request_token, authorize and access_token; WITHINGS_OAUTH1_URL.
OAUTH1_URL = "https://oauth.withings.com/account"
# OAuth 2.0: the page the user signs in on, and the token endpoint (action=requesttoken).
OAUTH2_AUTHORIZE_URL = "https://account.withings.com/oauth2_user/authorize2"
OAUTH2_TOKEN_URL = f"{API_URL}/v2/oauth2"
