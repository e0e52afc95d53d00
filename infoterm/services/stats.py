"""Campaign statistics: the funnel, meetings, talk share, sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoterm.services import Services


class StatsService:
    def __init__(self, services: Services) -> None:
        self.s = services
