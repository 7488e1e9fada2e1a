#!/usr/bin/env bash
# Backs up Heard: the database (pg_dump, custom format) and every object of the blob store, into one new folder.
#   deploy/backup.sh /var/backups/heard/$(date -u +%Y%m%dT%H%M%SZ)
# Needs the service's environment (DATABASE_URL, S3_* or DATA_DIR), e.g. `set -a; . /etc/heard/heard.env; set +a`.
# The database first, then the objects: every row's picture is then in the backup (objects written in between are
# extra, and harmless). The folder holds children's words and pictures: encrypt it and keep it as docs/operations.md says.
set -euo pipefail
target=${1:?usage: backup.sh <new folder>}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
target=$(realpath -m "$target")
cd "$(dirname "$0")/.."
[ -e "$target" ] && { echo "backup.sh: $target exists; give a new folder" >&2; exit 1; }
umask 077
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file="$target/heard.dump" "$DATABASE_URL"
node --import tsx deploy/bucket-sync.ts download "$target/blobs"
sha256sum "$target/heard.dump" > "$target/heard.dump.sha256"
echo "backup.sh: database and objects in $target"
