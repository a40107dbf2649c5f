#!/usr/bin/env bash
# Process-mode figures idle and beside a CPU hog (one busy loop per core, started and stopped here),
# for calibrating the bench's model of a busy machine. Prints one line per run with the load average.
#   benchmarks/busy-calibrate.sh idle|hog 3d|3e|3c [RECOVERY_TIMES...]
set -uo pipefail
cd "$(dirname "$0")/.."
load=$1; step=$2; shift 2
recoveries=("${@:-10}")
glomers=artifacts/glomers/glomers
bin=artifacts/nodes/Broadcast/Broadcast
store=${STORE:-/tmp/busy-calibration}
case "$step" in
  3d) flags="-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100"; args="--mode direct" ;;
  3e) flags="-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100"; args="--mode hub" ;;
  3c) flags="-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition"; args="" ;;
  *) echo "step 3d, 3e or 3c" >&2; exit 2 ;;
esac
hogs=()
stop_hogs() { for p in "${hogs[@]+"${hogs[@]}"}"; do kill "$p" 2>/dev/null; done; hogs=(); }
trap stop_hogs EXIT
for r in "${recoveries[@]}"; do
  if [ "$load" = hog ]; then
    for _ in $(seq "$(nproc)"); do timeout 60 sh -c 'while :; do :; done' & hogs+=($!); done
  fi
  # shellcheck disable=SC2086
  "$glomers" test $flags --bin "$bin" --seed "${SEED:-1}" --recovery-time "$r" --store "$store" ${args:+-- $args} > /dev/null 2>&1
  avg=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_hogs
  printf '%s\t%s\trecovery %s\t%s\tload %s\n' "$step" "$load" "$r" "$("$glomers" summary --no-header "$store/latest")" "$avg"
done
