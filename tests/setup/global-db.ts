import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyPostgresMigrations } from "../../scripts/postgres/migrate.mjs";

/**
 * Migrates one template database per test run; each test file then works on
 * its own copy (tests/setup/env.ts), so files never see each other's rows.
 * SQLite by default, with the real `prisma migrate deploy`; PostgreSQL when
 * TEST_POSTGRES_URL names a server (scripts/with-postgres.sh starts one),
 * with the same applier production uses.
 */
export default async function setup(project: TestProject) {
  const postgres = process.env.TEST_POSTGRES_URL;
  if (postgres) {
    const template = `tactful_tpl_${randomUUID().slice(0, 8)}`;
    await adminQuery(postgres, `CREATE DATABASE "${template}"`);
    await applyPostgresMigrations(withDatabase(postgres, template));
    project.provide("testDb", { kind: "postgres", adminUrl: postgres, template });
    return async () => {
      const { rows } = await adminQuery(postgres, `SELECT datname FROM pg_database WHERE datname LIKE 'tactful_%'`);
      for (const row of rows as Array<{ datname: string }>) await adminQuery(postgres, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-test-"));
  const template = path.join(dir, "template.sqlite");
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  project.provide("testDb", { kind: "sqlite", template });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "sqlite"; template: string } | { kind: "postgres"; adminUrl: string; template: string };
  }
}
