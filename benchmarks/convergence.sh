#!/usr/bin/env bash
# Convergence after the final heal, measured by the bench's probe (--probe-convergence): every node's
# read is polled from the heal on, and converge-ms is when the last node first held every value
# that was acknowledged. Prints one line per configuration: seeds valid and the worst converge-ms.
#   benchmarks/convergence.sh sim [SEEDS]                 sweeps of every configuration (default 1-200)
#   benchmarks/convergence.sh process idle|hog CONFIG [N]  N seeds (default 20) in process mode, beside
#                                                          one busy loop per core with "hog"
# CONFIG: line, line-hub, 3c, 3d-partition, 3e-partition. Run ./maelstrom-tests.sh --quick 3d first
# (it publishes the bench and the node). Each sweep's run folders are deleted after it (a sweep of
# 25 nodes stores gigabytes) unless KEEP=1; STORE sets where they go.
set -uo pipefail
cd "$(dirname "$0")/.."
glomers=artifacts/glomers/glomers
bin=artifacts/bin/Broadcast/release/Broadcast
store=${STORE:-/tmp/convergence}
probe="--probe-convergence 5"

config() {
  case "$1" in
    line) echo "--node-count 7 --time-limit 10 --rate 30 --topology line --nemesis partition --nemesis-interval 2 --recovery-time 2|--mode direct" ;;
    line-hub) echo "--node-count 7 --time-limit 10 --rate 30 --topology line --nemesis partition --nemesis-interval 2 --recovery-time 2|--mode hub" ;;
    3c) echo "--node-count 5 --time-limit 20 --rate 10 --nemesis partition --nemesis-interval 2 --recovery-time 2|--mode direct" ;;
    3d-partition) echo "--node-count 25 --time-limit 20 --rate 100 --latency 100 --nemesis partition --nemesis-interval 2 --recovery-time 2|--mode direct" ;;
    3e-partition) echo "--node-count 25 --time-limit 20 --rate 100 --latency 100 --nemesis partition --nemesis-interval 2 --recovery-time 2|--mode hub" ;;
    *) echo "unknown configuration $1 (line, line-hub, 3c, 3d-partition, 3e-partition)" >&2; exit 2 ;;
  esac
}

# Reads a sweep's rows (seed, verdict, ..., converge-ms, wall) and prints valid count and the worst.
worst() {
  awk -F'\t' -v name="$1" '$1 ~ /^[0-9]+$/ && NF >= 8 {
      n++; if ($2 == "valid") ok++
      c = $7; if (c == "never") { never++; next }
      if (c + 0 > w) { w = c + 0; ws = $1 }
    } END { printf "%-14s %d/%d valid, worst converge-ms %d (seed %s)%s\n", name, ok, n, w, ws, never ? ", " never " never converged" : "" }'
}

case "${1:-}" in
  sim)
    seeds=${2:-1-200}
    for c in line line-hub 3c 3d-partition 3e-partition; do
      IFS='|' read -r flags args <<< "$(config "$c")"
      for busy in "" "--busy"; do
        # shellcheck disable=SC2086
        "$glomers" sweep -w broadcast $flags $busy $probe --bin "$bin" --seeds "$seeds" --store "$store" -- $args 2>&1 | worst "$c${busy:+ busy}"
        [ "${KEEP:-0}" = 1 ] || rm -rf "$store"
      done
    done
    ;;
  process)
    load=$2; c=$3; n=${4:-20}
    IFS='|' read -r flags args <<< "$(config "$c")"
    hogs=()
    stop_hogs() { for p in "${hogs[@]+"${hogs[@]}"}"; do kill "$p" 2>/dev/null; done; hogs=(); }
    trap stop_hogs EXIT
    node=artifacts/nodes/Broadcast/Broadcast
    for seed in $(seq 1 "$n"); do
      if [ "$load" = hog ]; then
        for _ in $(seq "$(nproc)"); do timeout 120 sh -c 'while :; do :; done' & hogs+=($!); done
      fi
      # shellcheck disable=SC2086
      "$glomers" test -w broadcast $flags $probe --bin "$node" --seed "$seed" --store "$store" -- $args > /dev/null 2>&1
      avg=$(cut -d' ' -f1 /proc/loadavg)
      stop_hogs
      converge=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])).get("convergence") or {}; print(c.get("ms") if c.get("converged?") else "never", "fault-at-end" if c.get("fault-at-end?") else "no-fault-at-end")' "$store/latest/results.json")
      printf '%s\t%s\t%s\t%s\t%s\tload %s\n' "$seed" "$("$glomers" summary --no-header "$store/latest" | cut -f1,2)" "$converge" "$c" "$load" "$avg"
    done
    ;;
  *) sed -n 2,9p "$0" >&2; exit 2 ;;
esac
