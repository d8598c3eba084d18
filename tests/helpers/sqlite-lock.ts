import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Holds SQLite's write lock (BEGIN IMMEDIATE) from a second connection in a
 * worker thread: better-sqlite3 waits for a busy lock on the calling thread,
 * so a lock held in this thread could never be released while the app waits.
 * With `releaseAfterMs` the worker lets go by itself, while the app is waiting.
 */
export async function holdWriteLock(file: string, releaseAfterMs?: number) {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const Database = require(workerData.driver);
     const db = new Database(workerData.file, { timeout: 0 });
     db.exec("BEGIN IMMEDIATE");
     let open = true;
     const release = () => { if (!open) return; open = false; db.exec("COMMIT"); db.close(); parentPort.postMessage("released"); };
     parentPort.on("message", (m) => { if (m === "release") release(); });
     if (workerData.releaseAfterMs !== undefined) setTimeout(release, workerData.releaseAfterMs);
     parentPort.postMessage("locked");`,
    { eval: true, workerData: { file, releaseAfterMs, driver: createRequire(import.meta.url).resolve("better-sqlite3") } },
  );
  const released = new Promise<void>((resolve, reject) => {
    worker.on("message", (m) => m === "released" && resolve());
    worker.on("error", reject);
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m) => (m === "locked" ? resolve() : reject(new Error(String(m)))));
    worker.once("error", reject);
  });
  return {
    released,
    async release() {
      worker.postMessage("release");
      await released;
      await worker.terminate();
    },
  };
}
