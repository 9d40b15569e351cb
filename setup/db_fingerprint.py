"""Fingerprint of an Odoo database and its filestore, to compare a database
with its restored backup.

Usage: python setup/db_fingerprint.py DB_NAME DATA_DIR
       python setup/db_fingerprint.py --compare BEFORE.json AFTER.json
The first prints a JSON object: the row count of every table, a checksum of the rows
of the key tables (clients, leads, events, registrations, activities,
messages, attachments, users, and every table of our addons), and the
filestore: how many attachment files were found with the checksum Odoo
recorded for them, and which were missing or different. The second compares
two of them (a database and its restored copy): it prints every difference,
or what was found identical, and exits 1 on a difference.
Connection settings: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD.
"""

import hashlib
import json
import os
import pathlib
import sys

import psycopg2
from psycopg2 import sql

KEY_TABLES = (
    "res_partner",
    "res_users",
    "res_company",
    "crm_lead",
    "crm_stage",
    "event_event",
    "event_registration",
    "mail_activity",
    "mail_message",
    "ir_attachment",
    "res_partner_category",
)
OUR_PREFIXES = ("event_lead_",)


def fingerprint(dbname, data_dir):
    conn = psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("DB_HOST", "127.0.0.1"),
        port=os.environ.get("DB_PORT", "5432"),
        user=os.environ.get("DB_USER", "odoo"),
        password=os.environ.get("DB_PASSWORD", "odoo"),
    )
    result = {"counts": {}, "checksums": {}, "filestore": {}}
    with conn, conn.cursor() as cr:
        cr.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [row[0] for row in cr.fetchall()]
        for table in tables:
            cr.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            result["counts"][table] = cr.fetchone()[0]
        for table in tables:
            if table not in KEY_TABLES and not table.startswith(OUR_PREFIXES):
                continue
            cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'", [table])
            order = sql.SQL("ORDER BY t.id") if cr.fetchone() else sql.SQL("ORDER BY t::text")
            cr.execute(
                sql.SQL("SELECT md5(coalesce(string_agg(md5(t::text), '' {}), '')) FROM {} t").format(
                    order, sql.Identifier(table)
                )
            )
            result["checksums"][table] = cr.fetchone()[0]
        cr.execute("SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL ORDER BY id")
        stored = cr.fetchall()
    conn.close()
    root = pathlib.Path(data_dir, "filestore", dbname)
    ok, bad = 0, []
    for fname, checksum in stored:
        path = root / fname
        if path.is_file() and hashlib.sha1(path.read_bytes()).hexdigest() == checksum:
            ok += 1
        else:
            bad.append(fname)
    result["filestore"] = {"files_ok": ok, "files_missing_or_different": bad}
    return result


def compare(before, after):
    """The differences between two fingerprints, one line each."""
    counts_before, counts_after = before["counts"], after["counts"]
    problems = [
        f"{table}: {counts_before.get(table)} rows before, {counts_after.get(table)} after"
        for table in sorted(set(counts_before) | set(counts_after))
        if counts_before.get(table) != counts_after.get(table)
    ]
    problems += [
        f"{table}: checksum differs"
        for table, checksum in before["checksums"].items()
        if checksum != after["checksums"].get(table)
    ]
    problems += [f"file {name} missing or different" for name in after["filestore"]["files_missing_or_different"]]
    if before["filestore"]["files_ok"] != after["filestore"]["files_ok"]:
        problems.append(
            f"filestore: {before['filestore']['files_ok']} files before, {after['filestore']['files_ok']} after"
        )
    return problems


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        before, after = (json.loads(pathlib.Path(path).read_text(encoding="utf-8")) for path in sys.argv[2:4])
        problems = compare(before, after)
        print(
            "\n".join(problems)
            or f"round trip: {len(after['counts'])} tables, {len(after['checksums'])} key tables, "
            f"{after['filestore']['files_ok']} files identical"
        )
        sys.exit(1 if problems else 0)
    print(json.dumps(fingerprint(sys.argv[1], sys.argv[2]), indent=1, sort_keys=True))
