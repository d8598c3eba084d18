#!/usr/bin/env node
/**
 * Keeps the PostgreSQL schema and migration history in step with the SQLite
 * ones (docs/decisions/0020-postgres-client-and-migrations.md).
 *
 *   node scripts/postgres/sync.mjs [name]   derive prisma/postgres/schema.prisma and, when the
 *                                           models changed, write the next Postgres migration
 *   node scripts/postgres/sync.mjs --check  exit 1 if either is out of step (run by the tests)
 *
 * Migrations are diffed offline between two datamodels: head.prisma (what the
 * Postgres history builds) and the freshly derived schema. No database and no
 * migrate-CLI-through-the-pg-adapter is involved.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const pgDir = path.join(root, "prisma", "postgres");
const pgSchema = path.join(pgDir, "schema.prisma");
const head = path.join(pgDir, "head.prisma");

export function derivePostgresSchema(sqliteText) {
  if (!sqliteText.includes('provider = "sqlite"')) throw new Error("prisma/schema.prisma must use the sqlite provider");
  return (
    "// GENERATED from prisma/schema.prisma by `npm run db:postgres:sync`. Do not edit.\n" +
    sqliteText
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('engineType = "client"', 'engineType = "client"\n  output     = "./generated/client"')
  );
}

function main() {
  const check = process.argv.includes("--check");
  const name = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "sync";
  const derived = derivePostgresSchema(readFileSync(sqliteSchema, "utf8"));
  const current = existsSync(pgSchema) ? readFileSync(pgSchema, "utf8") : "";
  const built = existsSync(head) ? readFileSync(head, "utf8") : "";
  if (check) {
    const problems = [];
    if (current !== derived) problems.push("prisma/postgres/schema.prisma is stale");
    if (built !== derived) problems.push("the Postgres migration history does not build the current models");
    if (problems.length) {
      console.error(`${problems.join("; ")}. Run: npm run db:postgres:sync -- <migration_name>`);
      process.exit(1);
    }
    console.log("Postgres schema and migrations are in step with SQLite.");
    return;
  }
  mkdirSync(pgDir, { recursive: true });
  writeFileSync(pgSchema, derived);
  if (built === derived) {
    console.log("Postgres migrations already build the current models.");
    return;
  }
  const from = built ? ["--from-schema-datamodel", head] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", pgSchema, "--script"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(pgDir, "migrations", `${stamp}_${name.replace(/[^a-z0-9_]/gi, "_")}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  writeFileSync(head, derived);
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
}

main();
