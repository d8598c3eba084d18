import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI runs with the JS engine through the same driver adapter as the app,
// so no native engine is downloaded (docs/decisions/0002).
// The schema reads env("DATABASE_URL"); without it the CLI cannot read the
// generator block, assumes a native engine and tries to download it.
process.env.DATABASE_URL ??= "file:./dev.sqlite";
const url = process.env.DATABASE_URL;
const file = url.replace(/^file:/, "");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    new PrismaBetterSQLite3({ url: path.isAbsolute(file) ? file : path.resolve("prisma", file) }),
});
