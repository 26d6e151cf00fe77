"""Measures whether the document store isolates concurrent updates of one document.

FerretDB 1.24 on SQLite does not (FerretDB issue #3040: the SQLite handler reads the document and
writes the result outside one transaction). Two effects matter to reimpiego:
  1. two `{_id, version: n}` updates sent together both match, so If-Match alone cannot stop a
     lost update (intake's stores add a unique version claim for that);
  2. the outbox relay's `$pullAll` of sent entries, racing an aggregate update, can write back
     the document it read and undo that update (and re-send or drop outbox entries).

Usage: .venv/bin/python bench/ferretdb_update_isolation.py [mongodb-uri] [rounds]
"""

from __future__ import annotations

import asyncio
import secrets
import sys

from pymongo import AsyncMongoClient


async def main(uri: str, rounds: int) -> None:
    client: AsyncMongoClient = AsyncMongoClient(uri)
    name = f"bench_isolation_{secrets.token_hex(3)}"
    docs = client[name]["docs"]
    both_won = reverted = 0
    for i in range(rounds):
        await docs.insert_one({"_id": i, "version": 1, "outbox": [{"id": "a"}]})
        first, second = await asyncio.gather(*(
            docs.update_one({"_id": i, "version": 1}, {"$set": {"version": 2, "by": who}})
            for who in "AB"))
        both_won += first.matched_count == second.matched_count == 1
        await docs.update_one({"_id": i}, {"$set": {"version": 3}})
        await asyncio.gather(
            docs.update_one({"_id": i, "version": 3},
                            {"$set": {"version": 4, "status": "closed"},
                             "$push": {"outbox": {"id": "b"}}}),
            docs.update_one({"_id": i}, {"$pullAll": {"outbox": [{"id": "a"}]}}))
        reverted += (await docs.find_one({"_id": i}))["version"] != 4  # type: ignore[index]
    await client.drop_database(name)
    await client.close()
    print(f"{rounds} rounds: both conditional updates matched in {both_won}; "
          f"an update undone by a concurrent $pullAll in {reverted}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "mongodb://127.0.0.1:27017/",
                     int(sys.argv[2]) if len(sys.argv) > 2 else 200))
