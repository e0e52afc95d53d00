"""Persistence: the schema (SQLAlchemy), the shared SQL of hot queries, and a stdlib reader.

Import hygiene: ``store.errors``, ``store.timefmt``, ``store.sql``, ``store.sqlite`` and
``store.reader`` use the standard library only, so the first board paint and ``infoterm due``
never pay for importing SQLAlchemy. ``store.schema``, ``store.engine`` and ``store.migrate`` use SQLAlchemy.
"""
