#!/usr/bin/env bash
# start|stop the services tests need, on loopback. Writes their addresses to .services/env.
# (PostgreSQL, Firestore emulator, Firebase Auth emulator are added by the store/auth work.)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .services
case "${1:-}" in
  start) : > .services/env ;;
  stop) : ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
