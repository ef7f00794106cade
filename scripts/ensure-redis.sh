#!/usr/bin/env bash
# Make sure Redis answers on 127.0.0.1:6379 before the suite (the sign-in throttle is tested against it).
# Not reachable: start a local server that keeps nothing on disk; still not reachable: fail (never skip).
set -u
ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
ready && exit 0
echo "Redis không phản hồi; đang khởi động / Redis is down; starting it"
if command -v redis-server >/dev/null; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
for _ in $(seq 15); do ready && exit 0; sleep 1; done
echo "Redis vẫn không phản hồi ở 127.0.0.1:6379 / Redis is unreachable on 127.0.0.1:6379" >&2
exit 1
