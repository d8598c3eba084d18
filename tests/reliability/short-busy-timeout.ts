// Imported first by tests that hold SQLite's lock: the app's writes give up after
// 300 ms instead of 5 s, so "held past the timeout" doesn't take 10 s a test.
const url = process.env.DATABASE_URL ?? "";
if (url.startsWith("file:") && !url.includes("socket_timeout")) process.env.DATABASE_URL = `${url}?socket_timeout=0.3`;
export {};
