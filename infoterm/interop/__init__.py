"""File formats for getting data in and out of infoterm.

Everything in this package is pure and headless: it reads and writes files (or
strings) and knows nothing about the database or the user interface.

- :mod:`.records` -- the plain records importers hand back
- :mod:`.linkedin` -- LinkedIn's ``Connections.csv`` export (plain or zipped)
- :mod:`.csvimport` -- any CSV with a header row, mapped by column name
- :mod:`.ics` -- an iCalendar (RFC 5545) writer for meetings and follow-ups
- :mod:`.csvexport` -- CSV writing that spreadsheets cannot turn into formulas
"""
