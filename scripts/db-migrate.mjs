#!/usr/bin/env node
// `npm run setup`: apply migrations for whichever database DATABASE_URL names.
import { spawnSync } from "node:child_process";

const url = process.env.DATABASE_URL ?? "";
const [cmd, args] = /^postgres(ql)?:\/\//.test(url)
  ? ["node", ["scripts/postgres/migrate.mjs"]]
  : ["npx", ["prisma", "migrate", "deploy"]];
process.exit(spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1);
