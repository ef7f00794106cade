#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 before the PostgreSQL run of the suite.
# Not reachable: start the local cluster; still not reachable: fail (the suite never skips PostgreSQL).
set -u
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
ready && exit 0
echo "PostgreSQL không phản hồi; đang khởi động / PostgreSQL is down; starting it"
if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
fi
for _ in $(seq 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL vẫn không phản hồi ở 127.0.0.1:5432 / PostgreSQL is unreachable on 127.0.0.1:5432" >&2
exit 1
