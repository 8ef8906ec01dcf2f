"""XML parsing hardened against entity expansion and external entities.

defusedxml rejects any entity declaration, external reference or DTD-driven
expansion before it is expanded, which is what a sanctions-list reader needs:
the published lists declare no entities at all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from sanctionwatch.errors import InputError


def parse_xml(data: bytes, path: Path | str) -> ET.Element:
    """Parse ``data`` safely; any failure becomes an InputError naming ``path`` and the line."""
    if not data.strip():
        raise InputError(path, "empty file")
    try:
        tree = SafeET.parse(
            BytesIO(data), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise InputError(path, f"refused unsafe XML: {exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(path, f"malformed XML at column {column}: {exc.msg}", line=line) from None
    root = tree.getroot()
    if root is None:
        raise InputError(path, "XML document has no root element")
    return root
