"""PLACEHOLDER serialize (being written)."""
from __future__ import annotations
from typing import Any
def json_schema() -> dict[str, Any]:
    return {}
