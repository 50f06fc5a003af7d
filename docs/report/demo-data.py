#!/usr/bin/env python3
"""Fills a database that holds the example catalog (catalog/plantilla.toml) with
a few hundred made-up participants, their ballots and some ideas, so the report
has something to show. Demonstration data only: never run it on a real
consultation's database.

    python3 docs/report/demo-data.py DATABASE_FILE
"""
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

db = sqlite3.connect(sys.argv[1])
rng = random.Random(2027)
start = datetime(2026, 3, 2, 13, 0, tzinfo=timezone.utc)
def codes(kind):
    return [r[0] for r in db.execute("SELECT code FROM catalog_choices WHERE list = ? ORDER BY position", (kind,))]


units, sectors, ages = codes("territory"), codes("sector"), codes("age_range")
pillars = {}
for pid, pillar in db.execute("SELECT id, pillar FROM proposals WHERE withdrawn_at IS NULL ORDER BY id"):
    pillars.setdefault(pillar, []).append(pid)
max_priorities = db.execute("SELECT max_priorities FROM consultation").fetchone()[0]


def ts(at):
    return at.strftime("%Y-%m-%dT%H:%M:%S.000000Z")


for n in range(420):
    at = start + timedelta(days=min(int(rng.expovariate(0.18)), 20), minutes=rng.randrange(0, 600))
    answered = rng.random() < 0.8
    cur = db.execute(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at,"
        " localidad, sector, age_range) VALUES (?, 'es', ?, 1, 'demo', ?, ?, ?, ?)",
        (900_000_000 + n, ts(at), ts(at),
         rng.choice(units) if answered and units else None,
         rng.choice(sectors) if answered and sectors else None,
         rng.choice(ages) if answered and ages and rng.random() < 0.7 else None),
    )
    citizen = cur.lastrowid
    for pillar, ids in pillars.items():
        if rng.random() < 0.15:
            continue
        weights = [len(ids) - i + rng.random() * 2 for i in range(len(ids))]
        chosen = []
        pool = list(ids)
        for _ in range(min(max_priorities, len(pool), rng.randint(1, max_priorities))):
            pick = rng.choices(pool, weights=[weights[ids.index(p)] for p in pool])[0]
            pool.remove(pick)
            chosen.append(pick)
        db.execute("INSERT INTO ballots (citizen_id, pillar, cast_at) VALUES (?, ?, ?)",
                   (citizen, pillar, ts(at + timedelta(minutes=3))))
        for rank, pid in enumerate(chosen, 1):
            db.execute("INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) VALUES (?, ?, ?, ?)",
                       (citizen, pillar, rank, pid))

# A made-up coordinated push, for the report's integrity section to show one:
# 30 accounts opened within ten minutes of one evening, all casting the same
# ballot for the last proposals of the last pillar, 40 seconds after /start.
push_pillar, push_ids = list(pillars.items())[-1]
push = list(reversed(push_ids))[:max_priorities]
push_at = start + timedelta(days=4, hours=9)
for n in range(30):
    at = push_at + timedelta(seconds=rng.randrange(0, 540))
    cur = db.execute(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at)"
        " VALUES (?, 'es', ?, 1, 'demo', ?)",
        (900_100_000 + n, ts(at), ts(at)),
    )
    db.execute("INSERT INTO ballots (citizen_id, pillar, cast_at) VALUES (?, ?, ?)",
               (cur.lastrowid, push_pillar, ts(at + timedelta(seconds=40))))
    for rank, pid in enumerate(push, 1):
        db.execute("INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) VALUES (?, ?, ?, ?)",
                   (cur.lastrowid, push_pillar, rank, pid))

ideas = [
    ("transparencia", "approved", None, "Publicar en la cartelera de cada comuna los contratos que se ejecutan en ella."),
    ("transparencia", "approved", None, "Que las actas del concejo se puedan leer en línea el mismo día de la sesión."),
    ("participacion", "approved", None, "Horarios de reuniones comunitarias por la noche para quienes trabajan de día."),
    ("participacion", "rejected", "offtopic", "Arreglar el alumbrado de mi cuadra lo antes posible por favor."),
    ("participacion", "rejected", "duplicate", "Presupuestos participativos en todas las comunas de la ciudad."),
    ("transparencia", "pending", None, "Un mapa con todas las obras públicas y su avance actualizado cada semana."),
]
for pillar, status, reason, body in ideas:
    db.execute(
        "INSERT INTO ideas (citizen_id, pillar, kind, body, normalized, status, reason, created_at, decided_at)"
        " VALUES (1, ?, 'text', ?, lower(?), ?, ?, ?, ?)",
        (pillar, body, body, status, reason, ts(start), None if status == "pending" else ts(start + timedelta(days=1))),
    )

# Paper sheets from the voting points, as a filled-in `consulta papeletas
# plantilla` (imported by the caller with `consulta papeletas import`).
if len(sys.argv) > 2:
    import csv

    points = codes("voting_point")
    with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["punto", "hoja", "pilar"] + [f"opcion_{i}" for i in range(1, max_priorities + 1)]
                     + ["localidad", "sector", "edad"])
        for n in range(1, 61):
            pillar = rng.choice(list(pillars))
            ids = list(pillars[pillar])
            rng.shuffle(ids)
            picks = ids[: rng.randint(1, min(max_priorities, len(ids)))]
            picks += [""] * (max_priorities - len(picks))
            out.writerow([points[n % len(points)], n, pillar] + picks
                         + [rng.choice(units), rng.choice(sectors) if sectors else "", ""])
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
