#!/bin/sh
# The read replica (docker-compose.cluster.yml): on its first start it copies the primary with
# pg_basebackup (-R writes the standby settings), then runs as a hot standby that streams from it.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "${PRIMARY_HOST:-db}" -U replicator -q; do sleep 1; done
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  su postgres -c "PGPASSWORD='${REPLICATION_PASSWORD}' pg_basebackup -h '${PRIMARY_HOST:-db}' -U replicator \
    -D '$PGDATA' -R -X stream --checkpoint=fast --application-name=replica"
fi
exec su postgres -c "exec postgres -D '$PGDATA' -c hot_standby=on"
