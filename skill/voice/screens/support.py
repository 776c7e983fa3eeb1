"""Whether the device renders APL: read from the already-parsed envelope, no imports (every answer asks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput


def supports_apl(handler_input: HandlerInput) -> bool:
    """`context.System.device.supportedInterfaces` has `Alexa.Presentation.APL`."""
    context = handler_input.request_envelope.context
    device = getattr(getattr(context, "system", None), "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None
