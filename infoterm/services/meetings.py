"""Meetings: scheduling, the live timer, notes, questions, talk shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoterm.services import Services


class MeetingService:
    def __init__(self, services: Services) -> None:
        self.s = services
