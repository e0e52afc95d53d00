"""Import (LinkedIn, CSV, JSON), export (JSON, CSV, iCalendar) and backup."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoterm.services import Services


class InteropService:
    def __init__(self, services: Services) -> None:
        self.s = services
