#!/usr/bin/env bash
# Start the machine's PostgreSQL 15 cluster and (re)create an empty database owned by a
# project role; print its SQLAlchemy URL. Used by .ci/run and `make bench`.
#   usage: scripts/local-postgres.sh DBNAME
set -euo pipefail
db_name=${1:?usage: $0 DBNAME}
role=reintegration
password=reintegration-ci

pg_ctlcluster 15 main start >/dev/null 2>&1 || pg_ctlcluster 15 main status >/dev/null
for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
DROP DATABASE IF EXISTS ${db_name};
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} LOGIN PASSWORD '${password}';
  END IF;
END \$\$;
CREATE DATABASE ${db_name} OWNER ${role} ENCODING 'UTF8' TEMPLATE template0;
SQL
echo "postgresql+psycopg://${role}:${password}@127.0.0.1:5432/${db_name}"
