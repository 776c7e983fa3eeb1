"""A Screen → the Alexa.Presentation.APL.RenderDocument directive, its document read from the package.

Documents are files (documents/<name>.json, shipped in the Lambda artifact with skill/), read on
first use and kept for the container's lifetime: a request without a screen never reads one.
"""

from __future__ import annotations

import json
import os.path
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from skill.voice.screens.records import Document

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

    from skill.voice.screens.records import Screen

_DIR: Final = os.path.join(os.path.dirname(os.path.abspath(__file__)), "documents")
TOKEN_PREFIX: Final = "health."  # noqa: S105 - an APL presentation token, not a secret


@lru_cache(maxsize=len(Document))
def document(name: Document) -> dict[str, Any]:
    """The APL document `name`, parsed once. Callers must not change it (it is shared)."""
    with open(os.path.join(_DIR, f"{name}.json"), encoding="utf-8") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


def render_document(screen: Screen) -> RenderDocumentDirective:
    # Deferred: a request from an APL device has already loaded this package (the SDK deserialised
    # its supportedInterfaces with it), so here it costs nothing; voice-only requests never import it.
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

    return RenderDocumentDirective(
        token=f"{TOKEN_PREFIX}{screen.picture}",
        document=document(screen.document),
        datasources=screen.datasources(),
    )
