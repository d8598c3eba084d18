import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";

// Run by `npm run test:postgres` (scripts/with-postgres.sh starts the server).
const postgresUrl = process.env.TEST_POSTGRES_URL;
if (!postgresUrl) throw new Error("tests/postgres needs TEST_POSTGRES_URL; run them with `npm run test:postgres`.");

type Columns = Record<string, string[]>;

function sqliteColumns(): Columns {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-parity-"));
  const file = path.join(dir, "parity.sqlite");
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
    const sqlite = new Database(file, { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")
      .all() as Array<{ name: string }>;
    const columns: Columns = {};
    for (const { name } of tables) {
      columns[name] = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => c.name).sort();
    }
    sqlite.close();
    return columns;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresColumns(): Promise<Columns> {
  const rows = await db.$queryRawUnsafe<Array<{ table_name: string; column_name: string }>>(
    `SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'`,
  );
  const columns: Columns = {};
  for (const r of rows) (columns[r.table_name] ??= []).push(r.column_name);
  for (const t of Object.keys(columns)) columns[t]?.sort();
  return columns;
}

describe("PostgreSQL parity", () => {
  it("the app runs on PostgreSQL through @prisma/adapter-pg", async () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgresql:\/\//);
    const rows = await db.$queryRawUnsafe<Array<{ server: string }>>("SELECT current_setting('server_version')::text AS server");
    expect(rows[0]?.server).toMatch(/^\d+/);
  });

  it("the Postgres schema and migration history are in step with SQLite's", () => {
    execFileSync("node", ["scripts/postgres/sync.mjs", "--check"], { stdio: "pipe" });
  });

  it("both migration histories build the same tables and columns", async () => {
    const [sqlite, postgres] = [sqliteColumns(), await postgresColumns()];
    expect(Object.keys(postgres).length).toBeGreaterThan(3);
    expect(postgres).toEqual(sqlite);
  });
});
