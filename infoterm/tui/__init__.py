"""The terminal UI (Textual): the app, its screens and widgets, and the read model
they are handed. Nothing below this package imports it."""
