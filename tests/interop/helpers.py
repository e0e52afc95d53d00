"""Builders for realistic import files."""

from __future__ import annotations

import io
import zipfile

# The preamble LinkedIn puts before the header in Connections.csv.
LINKEDIN_PREAMBLE = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"',
    "",
]
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def linkedin_lines(*rows: str, header: str = LINKEDIN_HEADER) -> list[str]:
    return [*LINKEDIN_PREAMBLE, header, *rows]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
