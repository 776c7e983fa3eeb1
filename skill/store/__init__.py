"""DynamoDB persistence for account links: one table, pk/sk keys, encrypted Withings credentials.

Key design (every request-path access is a GetItem, a conditional write, or a Query on one pk):

| pk                    | sk                 | what                                                      |
| --------------------- | ------------------ | --------------------------------------------------------- |
| LINK#<link_id>        | LINK               | the linked Withings user: credentials (AES-GCM), version, |
|                       |                    | status, refresh lease (lease_until, lease_owner)          |
| LINK#<link_id>        | REF#<pk>           | index entry: an item issued for this link (for the purge) |
| AT#<sha256(token)>    | AT                 | access token issued to Alexa -> link_id, expires_at       |
| RT#<sha256(token)>    | RT                 | refresh token issued to Alexa -> link_id, grace window    |
| CODE#<sha256(code)>   | CODE               | authorization code (single use) -> link_id, redirect_uri  |
| PENDING#<sha256(id)>  | PENDING            | a linking flow in progress (Alexa state, redirect_uri)    |
| ALEXA#<sha256(uid)>   | ALEXA              | Alexa userId -> link_id                                   |

Tokens, codes and ids are stored only as SHA-256 hashes; every short-lived item carries `ttl`.
SkillDisabled finds everything of a link with one Query on pk=LINK#<link_id>.
"""
