"""The app's screens and dialogs.

Every screen but the board sets ``CSS_PATH = SCREENS_CSS`` (relative to this folder): that
stylesheet is read the first time one of them opens, so start-up parses and matches only
the board's rules in infoterm.tcss.
"""

SCREENS_CSS = "screens.tcss"
