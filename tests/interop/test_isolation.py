from __future__ import annotations

import subprocess
import sys


def test_interop_needs_no_ui_or_database_packages() -> None:
    code = (
        "import sys\n"
        "import infoterm.interop.csvexport, infoterm.interop.csvimport\n"
        "import infoterm.interop.ics, infoterm.interop.linkedin\n"
        "print(sorted(m for m in ('textual', 'rich', 'sqlalchemy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
