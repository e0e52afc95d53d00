"""Frozen schema fixtures cannot change silently.

Each ``*schema_v*.sql`` file here is the schema a released version of infoterm made, and
databases of that shape exist. Editing one in place (as commit 0150415 did to
``schema_v3.sql``) makes the upgrade tests test a schema no user has: the databases that
really exist then fail to open. A schema change gets a new version, an upgrade step and
a new frozen file; a new file gets its line below.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).parent

SHA256 = {
    "schema_v1.sql": "5e30ae4db3b14599060ae916e3c3520ad5876445ea4cf73ef79337ff96f6d222",
    "schema_v2.sql": "ef226746d0a918fdea5e678a511c093c25e63c5bc9e2203e5bdb230b0bcb9e58",
    "schema_v3.sql": "ef226746d0a918fdea5e678a511c093c25e63c5bc9e2203e5bdb230b0bcb9e58",
    "schema_v3_with_index.sql": "d743bc7d080c143fa7c15005744d09db91768bb3567bd24061ff35de09d4d43c",
    "schema_v4.sql": "1b71ade958d7288bce76f312064bf245e84519c613adaa03ed0b9b690e65b05e",
    "schema_v5.sql": "552af640713878186fe552c2d984fa0bf213bc274ced0d11b4c522cfef4bc28f",
    "pg_schema_v1.sql": "27206c30a2d43270b03b952c8015497fa261828a5d74244fe17a3693e5ea7fff",
    "pg_schema_v2.sql": "89f6d6a67d7aca263210de67e1d2024b3966cc0050afdabc78676c64e0349e26",
    "pg_schema_v3.sql": "bff349934269361761a11f83a04d09f24107198afd0c282005d42599bfd94c25",
    "pg_schema_v3_with_index.sql": (
        "3158e08630a03648c72ec77a69ee6547bb741da82c074e37aa0724b7f8d44429"
    ),
    "pg_schema_v4.sql": "6cdce144484b4fa64a164a21848ff9f375aa9982c12e3a8995c373c1753471b6",
}


def test_every_frozen_schema_file_is_unchanged() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in HERE.glob("*.sql")}
    changed = sorted(name for name, digest in SHA256.items() if found.get(name) != digest)
    assert not changed, (
        f"{', '.join(changed)} changed or went missing. frozen: add a new version instead"
        " (a new schema_vN.sql, an upgrade step in migrate.UPGRADES); databases of the old"
        " shape exist and must go on upgrading"
    )
    unknown = sorted(set(found) - set(SHA256))
    assert not unknown, (
        f"{', '.join(unknown)}: a new frozen schema file; add its sha256 to SHA256 here"
    )
