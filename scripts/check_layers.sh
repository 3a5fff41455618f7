#!/usr/bin/env bash
# Fails when an include runs against the layering of docs/impl.md (DESIGN §1):
# each layer may include only itself and the layers below it.
set -euo pipefail
src=${1:-src}
declare -A allowed=(
  [core]="core"
  [quality]="quality core"
  [domain]="domain core"
  [store]="store domain core"
  [service]="service store domain quality core"
  [server]="server service domain quality core"
  [cli]="cli app service domain quality core"
  [app]="app server service store domain quality core"
)
bad=0
while IFS= read -r -d '' file; do
  layer=${file#"$src"/}; layer=${layer%%/*}
  [[ -n ${allowed[$layer]+x} ]] || { echo "$file: unknown layer '$layer'"; bad=1; continue; }
  while IFS= read -r inc; do
    target=${inc%%/*}
    [[ " ${allowed[$layer]} " == *" $target "* ]] || { echo "$file includes \"$inc\": $layer may not depend on $target"; bad=1; }
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
  # Only the statistics' ingestion may parse JSON inside quality; never HTTP. Boost.Math (special
  # functions, distributions) is mathematics and allowed.
  if [[ $layer == quality && $file != */ingest/* ]] &&
    grep -E '#include <(nlohmann|simdjson|boost)' "$file" | grep -vE '#include <boost/math/' >/dev/null; then
    echo "$file: quality statistics must stay free of JSON and I/O libraries"; bad=1
  fi
  # SQL stays in the store's backends (DESIGN §1); HTTP stays in server/.
  if [[ $file != */store/sqlite/* ]] && grep -qE '#include <sqlite3\.h>' "$file"; then
    echo "$file: only src/store/sqlite may use the SQLite API"; bad=1
  fi
  if [[ $file != */store/postgres/* ]] && grep -qE '#include <(libpq-fe|postgresql/libpq-fe)\.h>' "$file"; then
    echo "$file: only src/store/postgres may use libpq"; bad=1
  fi
  if [[ $layer == domain || $layer == store ]] && grep -qE '#include <boost/' "$file"; then
    echo "$file: $layer must not depend on Boost (HTTP belongs to server/)"; bad=1
  fi
  # Asio and Beast are slow to compile and belong to the transport (DESIGN §1, §3).
  if [[ $layer != server ]] && grep -qE '#include <boost/(asio|beast)' "$file"; then
    echo "$file: only src/server may include Boost.Asio or Beast"; bad=1
  fi
done < <(find "$src" \( -name "*.h" -o -name "*.cc" \) -print0)
[[ $bad == 0 ]] && echo "layering ok"
exit $bad
