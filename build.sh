#!/usr/bin/env bash
# Developer helper for tasks that are not the two README commands.
#   ./build.sh migration NAME   add a migration to all three providers' migration sets
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  migration)
    name="${2:?usage: ./build.sh migration NAME}"
    dotnet tool restore >/dev/null
    for pair in Sqlite:SqliteTradingOpsDbContext PostgreSql:PostgreSqlTradingOpsDbContext SqlServer:SqlServerTradingOpsDbContext; do
      dir="${pair%%:*}"; ctx="${pair##*:}"
      dotnet ef migrations add "$name" --project TradingOps.Data --startup-project TradingOps.Data \
        --context "$ctx" --output-dir "Migrations/$dir"
    done
    ;;
  *) echo "usage: ./build.sh migration NAME" >&2; exit 2 ;;
esac
