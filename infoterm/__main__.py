import sys

from infoterm.cli import main

sys.exit(main())
