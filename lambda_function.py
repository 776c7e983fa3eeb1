"""AWS Lambda entry point: routes Alexa events to the skill and HTTP API (v2) events to linking
(/link/*) or to the Withings notification callback (/withings/notify).

Everything the two need is built by skill.composition, once per container, on first use.
"""

from __future__ import annotations

from typing import Any


def lambda_handler(event: Any, context: Any) -> Any:
    from skill.composition import container

    # HTTP API payload v2 carries requestContext.http; everything else is treated as Alexa and
    # validated there (a malformed envelope still gets a spoken answer, never a crash).
    if (
        isinstance(event, dict)
        and isinstance(event.get("requestContext"), dict)
        and "http" in event["requestContext"]
    ):
        if str(event.get("rawPath") or "").startswith("/withings/"):
            from skill.notifications.route import handle_http_event as notified

            return notified(event, context, lambda: container().notify_context)
        from skill.linking.http import handle_http_event

        return handle_http_event(event, context, container().linking_context)
    return container().voice_entry.handle(event, context)
