#!/bin/sh
# PgBouncer in transaction mode in front of the primary (docker-compose.cluster.yml). The password
# comes from the environment; the configuration is written at start and never baked into the image.
set -eu
cat >/etc/pgbouncer/userlist.txt <<USERS
"samraad" "${POSTGRES_PASSWORD}"
USERS
cat >/etc/pgbouncer/pgbouncer.ini <<INI
[databases]
samraad = host=${PRIMARY_HOST:-db} port=5432 dbname=samraad

[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 6432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = /etc/pgbouncer/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
server_connect_timeout = 3
server_login_retry = 1
query_wait_timeout = 10
ignore_startup_parameters = extra_float_digits,options
INI
chown -R postgres:postgres /etc/pgbouncer
exec su postgres -s /bin/sh -c 'exec pgbouncer /etc/pgbouncer/pgbouncer.ini'
