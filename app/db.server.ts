import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import path from "node:path";
import { env } from "./env.server";

/**
 * Prisma with the JS engine and a driver adapter chosen by DATABASE_URL:
 * SQLite (embedded default) or PostgreSQL (scale-out). See docs/decisions/0002 and 0003.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (databaseUrl.startsWith("postgres")) {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl) }) });
}

/** `file:./dev.sqlite` is relative to prisma/, as the Prisma CLI resolves it. */
export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "");
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
