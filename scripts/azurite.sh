#!/usr/bin/env bash
# Installs Azurite (npm) into .tools/azurite and starts it on 127.0.0.1 on free ports.
#   source scripts/azurite.sh && azurite_start   -> exports BIOTRACK_TEST_AZURITE (connection string)
#   azurite_stop                                 -> stops it and removes its data
# Telemetry is off and the API version check skipped (newer SDKs send versions Azurite may not know).
AZURITE_VERSION="${AZURITE_VERSION:-3.37.0}"
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

azurite_install() {
  local dir="$_root/.tools/azurite"
  if [ ! -x "$dir/node_modules/.bin/azurite" ]; then
    echo "Installing azurite@$AZURITE_VERSION into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2
  fi
}

_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

azurite_start() {
  azurite_install
  local blob queue table
  blob=$(_free_port); queue=$(_free_port); table=$(_free_port)
  AZURITE_DATA="$(mktemp -d -t biotrack-azurite.XXXXXX)"
  # In memory (Azurite refuses --location with it); run from the temp folder so nothing lands in the repo.
  (cd "$AZURITE_DATA" && exec "$_root/.tools/azurite/node_modules/.bin/azurite" --silent --inMemoryPersistence \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" \
    --disableTelemetry --skipApiVersionCheck >"$AZURITE_DATA/azurite.out" 2>&1) &
  AZURITE_PID=$!
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export BIOTRACK_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null \
       && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then
      echo "Azurite running (pid $AZURITE_PID): blob $blob, queue $queue, table $table" >&2
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "Azurite did not start:" >&2; cat "$AZURITE_DATA/azurite.out" >&2
  return 1
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ]; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    AZURITE_PID=
  fi
  [ -n "${AZURITE_DATA:-}" ] && rm -rf "$AZURITE_DATA"
  return 0
}
