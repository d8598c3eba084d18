// npm run bench:load — beacon ingestion at 10× bench:ingest's sustained rate for 60 s, open
// loop, on SQLite and then on PostgreSQL (a throwaway cluster from scripts/with-postgres.sh).
// Builds the app once; each database runs in scripts/bench-load-run.mjs. Ends with one
//   BENCH load {"db":…,"events_per_s":…,"p99_ms":…,"sent":…,"stored":…,"rejected":…,"rss_start_mb":…,"rss_end_mb":…}
// line per database. BENCH_LOAD_DBS=sqlite (or postgres) runs one only.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildApp, serverEnv } from "./bench-beacons.mjs";

const dbs = (process.env.BENCH_LOAD_DBS ?? "sqlite,postgres").split(",").map((s) => s.trim());
if (dbs.includes("postgres") && !postgresBinaries()) {
  console.error(
    "bench:load needs PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/<version>/bin): " +
      "install Debian's package with 'apt-get install -y postgresql', or run BENCH_LOAD_DBS=sqlite npm run bench:load.",
  );
  process.exit(1);
}

const buildDir = path.resolve(".cache", `bench-load-${process.pid}`);
const benchLines = [];
let failed = false;
try {
  console.log("bench:load: building the app (remix vite:build, production)");
  buildApp(serverEnv("file:/dev/null", buildDir));
  for (const db of dbs) {
    const cmd = db === "postgres" ? ["bash", ["scripts/with-postgres.sh", process.execPath, "scripts/bench-load-run.mjs", "postgres"]] : [process.execPath, ["scripts/bench-load-run.mjs", db]];
    const code = await runPhase(cmd[0], cmd[1]);
    if (code !== 0) {
      console.error(`bench:load: the ${db} run failed (exit ${code})`);
      failed = true;
    }
  }
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
for (const line of benchLines) console.log(line);
process.exit(failed || benchLines.length !== dbs.length ? 1 : 0);

/** Streams a run's output, holding back its BENCH line so all of them come last. */
function runPhase(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, BENCH_BUILD_DIR: buildDir }, stdio: ["ignore", "pipe", "inherit"] });
    let rest = "";
    child.stdout.on("data", (d) => {
      rest += d;
      const lines = rest.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("BENCH load ")) benchLines.push(line);
        else console.log(line);
      }
    });
    child.on("close", (code) => {
      if (rest.startsWith("BENCH load ")) benchLines.push(rest);
      else if (rest) console.log(rest);
      resolve(code ?? 1);
    });
  });
}

function postgresBinaries() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return false;
  return readdirSync(root).some((v) => existsSync(path.join(root, v, "bin", "initdb")) && existsSync(path.join(root, v, "bin", "pg_ctl")));
}
