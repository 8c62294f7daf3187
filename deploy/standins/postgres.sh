#!/bin/sh
# Stand-in for the official postgres image's entrypoint (POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB; data in /var/lib/postgresql/data), for checks on machines without a registry.
set -e
data=/var/lib/postgresql/data
mkdir -p "$data" /run/postgresql
chown -R postgres:postgres "$data" /run/postgresql
if [ ! -s "$data/PG_VERSION" ]; then
    printf '%s' "$POSTGRES_PASSWORD" >/tmp/pwfile
    chown postgres /tmp/pwfile
    su postgres -s /bin/sh -c "initdb -D $data -U $POSTGRES_USER --pwfile=/tmp/pwfile \
        -E UTF8 --auth-local=trust --auth-host=scram-sha-256" >/dev/null
    rm -f /tmp/pwfile
    echo "host all all all scram-sha-256" >>"$data/pg_hba.conf"
    su postgres -s /bin/sh -c "pg_ctl -D $data -w start -o '-c listen_addresses='" >/dev/null
    su postgres -s /bin/sh -c "psql -U $POSTGRES_USER -d postgres -q \
        -c 'CREATE DATABASE $POSTGRES_DB'" 2>/dev/null || true
    su postgres -s /bin/sh -c "pg_ctl -D $data -w stop" >/dev/null
fi
exec su postgres -s /bin/sh -c "exec postgres -D $data -c listen_addresses='*' -c fsync=off"
