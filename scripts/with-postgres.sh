#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster on loopback, then
# stops and removes the cluster. Exports TEST_POSTGRES_URL for the command.
#   bash scripts/with-postgres.sh npx vitest run tests
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries are missing: install Debian's package with 'apt-get install -y postgresql' (.ci/run does)." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/tactful-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_pg "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_pg "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8" >/dev/null
as_pg "$bin/pg_ctl -D $dir/data -o '-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off' -l $dir/log -w start" >/dev/null
export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port (throwaway)"
"$@"
