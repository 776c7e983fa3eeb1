"""The Alexa devices people own, as their request envelopes describe them (context.Viewport, Viewports,
System.device.supportedInterfaces), for tests and the layout check.

Sizes are the ones Amazon lists for each viewport profile (apl-suggester's `getViewportProfiles()`
table and its example devices): pixels as the device reports them, and dpi; APL lays out in dp =
px × 160 / dpi. A voice-only device (an Echo Dot) has no viewport and no APL interface.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple


class Device(NamedTuple):
    name: str  # a short id for file names and test ids
    label: str
    profile: str  # Amazon's viewport profile
    pixel_width: int
    pixel_height: int
    dpi: int
    shape: str = "RECTANGLE"  # or ROUND
    mode: str = "HUB"  # or TV

    @property
    def dp(self) -> tuple[int, int]:
        return round(self.pixel_width * 160 / self.dpi), round(self.pixel_height * 160 / self.dpi)


SPOT: Final = Device("spot", "Echo Spot", "hubRoundSmall", 480, 480, 160, shape="ROUND")
SHOW_5: Final = Device("show5", "Echo Show 5", "hubLandscapeSmall", 960, 480, 160)
SHOW_8: Final = Device("show8", "Echo Show 8", "hubLandscapeMedium", 1280, 800, 213)
SHOW_10: Final = Device("show10", "Echo Show 10", "hubLandscapeLarge", 1280, 800, 160)
SHOW_15: Final = Device("show15", "Echo Show 15", "hubLandscapeXLarge", 1920, 1080, 160)
SHOW_15_PORTRAIT: Final = Device(
    "show15-portrait", "Echo Show 15, portrait", "hubPortraitMedium", 1080, 1920, 160
)
FIRE_TV: Final = Device("fire-tv", "Fire TV", "tvLandscapeXLarge", 1920, 1080, 320, mode="TV")

SCREENS: Final = (SPOT, SHOW_5, SHOW_8, SHOW_10, SHOW_15, SHOW_15_PORTRAIT, FIRE_TV)
APL_MAX_VERSION: Final = "2024.3"  # what current devices report (the documents are written as 2024.2)


def on_device(envelope: dict[str, Any], device: Device | None) -> dict[str, Any]:
    """`envelope` as `device` sends it (None: a voice-only Echo, no screen at all). Changes it in place."""
    context = envelope["context"]
    system = context["System"]
    interfaces = system.setdefault("device", {}).setdefault("supportedInterfaces", {})
    for key in ("Display", "Alexa.Presentation.APL"):
        interfaces.pop(key, None)
    context.pop("Viewport", None)
    context.pop("Viewports", None)
    if device is None:
        return envelope
    interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": APL_MAX_VERSION}}
    tv = device.mode == "TV"
    size = {"type": "DISCRETE", "pixelWidth": device.pixel_width, "pixelHeight": device.pixel_height}
    context["Viewports"] = [
        {
            "type": "APL",
            "id": "main",
            "shape": device.shape,
            "dpi": device.dpi,
            "presentationType": "OVERLAY" if tv else "STANDARD",
            "canRotate": device is SHOW_15 or device is SHOW_15_PORTRAIT,
            "configuration": {
                "current": {"mode": device.mode, "video": {"codecs": ["H_264_42"]}, "size": size}
            },
        }
    ]
    context["Viewport"] = {
        "experiences": [{"canRotate": False, "canResize": False}],
        "mode": device.mode,
        "shape": device.shape,
        "pixelWidth": device.pixel_width,
        "pixelHeight": device.pixel_height,
        "dpi": device.dpi,
        "currentPixelWidth": device.pixel_width,
        "currentPixelHeight": device.pixel_height,
        "touch": [] if tv else ["SINGLE"],
        "keyboard": ["DIRECTION"] if tv else [],
        "video": {"codecs": ["H_264_42"]},
    }
    return envelope
