#!/usr/bin/env node
/**
 * Applies prisma/postgres/migrations to a PostgreSQL database
 * (docs/decisions/0020-postgres-client-and-migrations.md). Prisma 6.19's migrate CLI
 * through the pg driver adapter cannot read some catalog columns and keeps
 * the process alive, so we apply the generated SQL ourselves:
 *  - one transaction per migration, so a failed one leaves nothing half-done;
 *  - an advisory lock, so many app instances starting at once apply each once;
 *  - a checksum per applied migration, so an edited migration is refused
 *    instead of silently diverging.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const LOCK_KEY = 7_243_615; // any constant shared by every instance of this app
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
export const MIGRATIONS_DIR = path.join(root, "prisma", "postgres", "migrations");

/** @returns {Promise<string[]>} the names of the migrations applied by this call */
export async function applyPostgresMigrations(connectionString, dir = MIGRATIONS_DIR) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_tactful_migrations" (
         "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const done = new Map(
      (await client.query(`SELECT "name", "checksum" FROM "_tactful_migrations"`)).rows.map((r) => [r.name, r.checksum]),
    );
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (done.has(name)) {
        if (done.get(name) !== checksum) throw new Error(`Migration ${name} was edited after it was applied; add a new migration instead.`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_tactful_migrations" ("name", "checksum") VALUES ($1, $2)`, [name, checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error("DATABASE_URL must be a postgresql:// URL");
    process.exit(1);
  }
  applyPostgresMigrations(url).then(
    (names) => console.log(names.length ? `Applied ${names.join(", ")}` : "Postgres schema is up to date."),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
