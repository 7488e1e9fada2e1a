#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database and bucket (never over live data), then start Heard on them.
#   createdb heard_restored && DATABASE_URL=postgres://…/heard_restored S3_BUCKET=heard-restored deploy/restore.sh /var/backups/heard/<stamp>
# Needs the target's environment (DATABASE_URL, S3_* or DATA_DIR). Migrations newer than the backup run when Heard starts.
set -euo pipefail
source=${1:?usage: restore.sh <backup folder>}
: "${DATABASE_URL:?DATABASE_URL must name the empty database to restore into}"
source=$(realpath -m "$source")
cd "$(dirname "$0")/.."
(cd "$source" && sha256sum --check --quiet heard.dump.sha256)
tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command "select count(*) from pg_tables where schemaname = 'public'")
[ "$tables" = 0 ] || { echo "restore.sh: the target database has $tables tables; restore only into an empty database" >&2; exit 1; }
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$source/heard.dump"
node --import tsx deploy/bucket-sync.ts upload "$source/blobs"
echo "restore.sh: restored $source"
