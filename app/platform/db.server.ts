import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { clearLogs as clearPrismaDebugHistory } from "@prisma/debug";
import { createRequire } from "node:module";
import path from "node:path";
import { env } from "./env.server";

/**
 * Prisma with the JS engine and a driver adapter chosen by DATABASE_URL:
 * SQLite (embedded default) or PostgreSQL (scale-out). See docs/decisions/0002 and 0003.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (databaseUrl.startsWith("postgres")) {
    // A Prisma client is generated per provider; the Postgres one is generated
    // from prisma/postgres/schema.prisma (same models) at install time. It is
    // loaded by path so bundlers leave it alone, and typed as the SQLite client
    // because both expose the same models.
    const { PrismaClient: PostgresClient } = postgresClientModule();
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  }
  const file = sqliteFilePath(databaseUrl);
  // timeout: wait for another writer's lock instead of failing at once (SQLITE_BUSY).
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: sqliteBusyTimeoutMs(databaseUrl) }) });
  // WAL: readers never wait for the writer, and with synchronous=NORMAL a commit
  // no longer fsyncs (the database stays consistent on power loss; the last
  // commits may be lost). better-sqlite3 blocks the event loop during I/O, so
  // this is what lets beacon ingestion keep up (docs/decisions, ingestion).
  if (file !== ":memory:") {
    void client
      .$queryRawUnsafe("PRAGMA journal_mode = WAL")
      .then(() => client.$executeRawUnsafe("PRAGMA synchronous = NORMAL"))
      .catch((error: unknown) => console.warn("SQLite WAL mode not enabled:", error instanceof Error ? error.message : error));
  }
  return client;
}

type ClientModule = { PrismaClient: typeof PrismaClient; Prisma: typeof Prisma };

function postgresClientModule(): ClientModule {
  const require = createRequire(import.meta.url);
  return require(path.resolve(process.cwd(), "prisma", "postgres", "generated", "client")) as ClientModule;
}

/**
 * How long a write waits for SQLite's lock: 5 s, or `?socket_timeout=<seconds>`
 * on the URL (the parameter Prisma's own SQLite connector used for this).
 */
export function sqliteBusyTimeoutMs(databaseUrl: string): number {
  const raw = /[?&]socket_timeout=([^&]+)/.exec(databaseUrl)?.[1];
  const seconds = raw === undefined ? 5 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`DATABASE_URL: socket_timeout must be a number of seconds, got "${raw}"`);
  return Math.round(seconds * 1000);
}

/** `file:./dev.sqlite` is relative to prisma/, as the Prisma CLI resolves it. */
export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file === ":memory:" || path.isAbsolute(file)) return file;
  return path.resolve(process.cwd(), "prisma", file);
}

declare global {
  // Survives Vite's module reloads in development so we don't leak connections.
  var __tactfulPrisma: PrismaClient | undefined;
}

const prisma: PrismaClient = globalThis.__tactfulPrisma ?? createPrismaClient(env().DATABASE_URL);
if (env().NODE_ENV === "development") globalThis.__tactfulPrisma = prisma;

export default prisma;

/**
 * Raw-SQL fragment helpers (`sql`, `join`, `raw`, `empty`) of the client in use.
 * Each generated client checks fragments with `instanceof` against its own
 * runtime, so a fragment built with the other client's `Prisma.sql` would be
 * bound as a single parameter instead of spliced in.
 */
export const sqlFragments: Pick<typeof Prisma, "sql" | "join" | "raw" | "empty"> = env().DATABASE_URL.startsWith("postgres")
  ? postgresClientModule().Prisma
  : Prisma;

const onSqlite = !env().DATABASE_URL.startsWith("postgres");

/**
 * First statement of an interactive transaction that reads before it writes.
 * Prisma opens SQLite transactions with a deferred BEGIN, and SQLite refuses a
 * reader's later write at once (SQLITE_BUSY, no busy wait) while another
 * process holds the write lock; a write as the first statement waits for the
 * lock instead, as BEGIN IMMEDIATE would. A no-op on Postgres (row locks).
 * Decision 0049.
 */
export async function takeWriteLock(tx: { $executeRawUnsafe: (query: string) => Promise<number> }): Promise<void> {
  if (onSqlite) await tx.$executeRawUnsafe(`UPDATE "Offer" SET "version" = "version" WHERE 0`);
}

/** Entries Prisma's debug module keeps (MAX_ARGS_HISTORY in @prisma/debug 6.19, and in the copy bundled in its client runtime). */
const PRISMA_DEBUG_HISTORY = 100;

type DebugFactory = (namespace: string) => (...args: unknown[]) => void;
let runtimeDebug: ((...args: unknown[]) => void) | undefined;

/**
 * Lets go of the arguments of the queries Prisma has run. Prisma's debug module keeps the
 * arguments of its last 100 debug calls in memory whether or not DEBUG is set (for its
 * crash reports), in two copies: @prisma/debug, where the PostgreSQL adapter records each
 * query with all its parameters, and the one bundled in the client runtime, which records
 * each query plan (a raw statement's plan carries its parameters) and the values as text.
 * After a run of bulk inserts of up to 1,000 events × 16 columns that is hundreds of
 * thousands of values and type descriptors held for nothing: under `bench:load` on
 * PostgreSQL the live heap grew from 45 to 132 MB (decision 0060). It also held visitor
 * ids and customer hashes of events already stored. Called after each bulk statement.
 */
export function forgetQueryArguments(): void {
  clearPrismaDebugHistory();
  // The runtime's copy has no clear(); its history is a ring of PRISMA_DEBUG_HISTORY entries,
  // so as many one-word entries push the old ones out.
  runtimeDebug ??= (prismaRuntime().Debug as DebugFactory)("tactful:forget-query-arguments");
  for (let i = 0; i < PRISMA_DEBUG_HISTORY; i++) runtimeDebug("-");
}

/** The client runtime of the client in use: its own module for each generated client. */
function prismaRuntime(): { Debug: unknown } {
  const require = createRequire(import.meta.url);
  return onSqlite ? require("@prisma/client/runtime/client.js") : require(path.resolve(process.cwd(), "prisma", "postgres", "generated", "client", "runtime", "client.js"));
}
