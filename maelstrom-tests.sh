#!/usr/bin/env bash
# Runs the Gossip Glomers challenges against our nodes and prints one table of results.
#
#   ./maelstrom-tests.sh                 every finished step, on the glomers bench
#   ./maelstrom-tests.sh 3d 4            only these steps
#   ./maelstrom-tests.sh --quick         shorter runs (CI); --engine maelstrom to use real Maelstrom
#   ./maelstrom-tests.sh --sweep 20      each step in simulation over seeds 1..20, with the extra
#                                        faults it should survive (kill, pause, one-way, duplicate,
#                                        slow: a busy machine, see --busy in glomers --help)
#   ./maelstrom-tests.sh --seed 7 3c     the glomers runs with this seed, to replay a table exactly
#   ./maelstrom-tests.sh --exercise NAME one broken node on its challenge, to see it fail (the
#                                        course's exercises; --help lists them)
#
# Exit status: 0 when every step run is valid, 1 otherwise, 254 when something is missing.
set -uo pipefail
cd "$(dirname "$0")"

# The course's exercises: name | node binary (Release build) | flags | node args | mode | what breaks.
# Sim mode where the node can be loaded in-process; tests/BrokenNodes runs as processes only.
exercises() {
cat <<'EXERCISES'
flood-no-repair|artifacts/bin/FloodBroadcast/release/FloodBroadcast|-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition|--repair-ms 0|sim|3c: a flood with no repair loses what a partition drops
broadcast-no-forward|artifacts/bin/BrokenNodes/release/BrokenNodes|-w broadcast --node-count 5 --time-limit 5 --rate 10 --recovery-time 2|--kind broadcast-no-forward|process|3b: values stay on the node a client gave them to
broadcast-forward-once|artifacts/bin/BrokenNodes/release/BrokenNodes|-w broadcast --node-count 5 --time-limit 10 --rate 10 --nemesis partition --nemesis-interval 2 --recovery-time 2|--kind broadcast-forward-once|process|3c: one RPC per peer, never retried
local-counter|artifacts/bin/LocalCounter/release/LocalCounter|-w g-counter --node-count 3 --rate 100 --time-limit 20 --nemesis partition||sim|4: each node counts only its own adds
counter-lossy|artifacts/bin/BrokenNodes/release/BrokenNodes|-w g-counter --node-count 1 --rate 100 --time-limit 5 --recovery-time 2|--kind counter-lossy|process|4: acknowledges every add, forgets every fifth
ids-repeating|artifacts/bin/BrokenNodes/release/BrokenNodes|-w unique-ids --node-count 3 --rate 100 --time-limit 5|--kind ids-repeating|process|2: every node counts 1, 2, 3, ...
echo-wrong|artifacts/bin/BrokenNodes/release/BrokenNodes|-w echo --node-count 1 --time-limit 5|--kind echo-wrong|process|1: answers with another payload
EXERCISES
}

# The steps, their node, flags and sweep faults: one line each in challenge-steps.txt (its header says how).
steps_file=challenge-steps.txt
catalogue() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$steps_file"
}

usage() {
  cat <<USAGE
Usage: ./maelstrom-tests.sh [--quick] [--engine glomers|maelstrom] [--seed N] [--sweep N] [STEP...]
       ./maelstrom-tests.sh --exercise NAME [--seed N]

Runs the Gossip Glomers challenges against this repository's nodes and prints one table.
  STEP               only these steps ($(catalogue | cut -d'|' -f1 | tr '\n' ' ' | sed 's/ $//')); default: all
  --quick            5-second runs with a 3-second recovery (what CI runs)
  --engine E         glomers (default: this repository's bench) or maelstrom (real Maelstrom,
                     which needs Java and 'maelstrom' on PATH or MAELSTROM_HOME)
  --seed N           seed of every glomers run, so the same command gives the same runs
  --sweep N          each step in simulation over seeds 1..N with the extra faults it should survive
  --exercise NAME    run one broken node of the course on the bench (seed 1 unless --seed) and
                     exit with the bench's status: 1 (invalid) is what a broken node earns.
                     Exercises:
$(exercises | awk -F'|' '{ printf "                       %-24s %s\n", $1, $6 }')
  -h, --help         this text

Each step prints the command it runs; a glomers run prints its whole command, seed included.
Exit status: 0 when every step run is valid, 1 otherwise, 254 when something is missing.
USAGE
}

engine=glomers
quick=0
sweep=0
seed=""
exercise=""
steps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --engine=*) engine="${1#*=}"; shift ;;
    --quick) quick=1; shift ;;
    --sweep) sweep="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --sweep=*) sweep="${1#*=}"; shift ;;
    --seed) seed="${2:-}"; [ -n "$seed" ] || { echo "maelstrom-tests.sh: --seed takes an integer" >&2; exit 254; }; shift 2 ;;
    --seed=*) seed="${1#*=}"; shift ;;
    --exercise) exercise="${2:-}"; [ -n "$exercise" ] || { echo "maelstrom-tests.sh: --exercise takes a name (see --help)" >&2; exit 254; }; shift 2 ;;
    --exercise=*) exercise="${1#*=}"; [ -n "$exercise" ] || { echo "maelstrom-tests.sh: --exercise takes a name (see --help)" >&2; exit 254; }; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "maelstrom-tests.sh: unknown flag $1 (see --help)" >&2; exit 254 ;;
    *) steps+=("$1"); shift ;;
  esac
done

case "$sweep" in
  ''|*[!0-9]*) echo "maelstrom-tests.sh: --sweep takes a number of seeds" >&2; exit 254 ;;
esac
if [ -n "$seed" ]; then
  case "$seed" in
    *[!0-9-]*|-|'') echo "maelstrom-tests.sh: --seed takes an integer" >&2; exit 254 ;;
  esac
  if [ "$engine" != glomers ]; then
    echo "maelstrom-tests.sh: --seed is for the glomers bench (real Maelstrom takes no seed)" >&2; exit 254
  fi
  if [ "$sweep" -gt 0 ]; then
    echo "maelstrom-tests.sh: --sweep runs seeds 1..N; --seed is for single runs" >&2; exit 254
  fi
fi
if [ -n "$exercise" ]; then
  exercise_row=$(exercises | awk -F'|' -v n="$exercise" '$1 == n')
  if [ -z "$exercise_row" ]; then
    echo "maelstrom-tests.sh: unknown exercise '$exercise' (exercises: $(exercises | cut -d'|' -f1 | paste -sd' '))" >&2; exit 254
  fi
  if [ ${#steps[@]} -gt 0 ] || [ "$sweep" -gt 0 ] || [ "$quick" = 1 ] || [ "$engine" != glomers ]; then
    echo "maelstrom-tests.sh: --exercise runs one exercise on the glomers bench; it takes only --seed" >&2; exit 254
  fi
fi
known=$(catalogue | cut -d'|' -f1 | tr '\n' ' ')
for s in "${steps[@]+"${steps[@]}"}"; do
  case " $known" in
    *" $s "*) ;;
    *) echo "maelstrom-tests.sh: unknown step '$s' (steps: ${known% })" >&2; exit 254 ;;
  esac
done
if [ "$sweep" -gt 0 ] && [ "$engine" != glomers ]; then
  echo "maelstrom-tests.sh: --sweep runs on the glomers bench only (real Maelstrom cannot replay seeds)" >&2
  exit 254
fi

case "$engine" in
  glomers) ;;
  maelstrom)
    if command -v maelstrom >/dev/null 2>&1; then maelstrom=$(command -v maelstrom)
    elif [ -n "${MAELSTROM_HOME:-}" ] && [ -x "$MAELSTROM_HOME/maelstrom" ]; then maelstrom="$MAELSTROM_HOME/maelstrom"
    else
      echo "maelstrom-tests.sh: --engine maelstrom needs Maelstrom: put 'maelstrom' on PATH or set MAELSTROM_HOME" >&2
      echo "  (it also needs Java; without both, run the default engine: ./maelstrom-tests.sh)" >&2
      exit 254
    fi ;;
  *) echo "maelstrom-tests.sh: --engine must be glomers or maelstrom" >&2; exit 254 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "maelstrom-tests.sh: the .NET 10 SDK is needed (dotnet on PATH)" >&2
  exit 254
fi

echo "Building (Release)..."
log=$(mktemp)
if ! dotnet build -c Release glomers.sln -v quiet -nologo > "$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"
  echo "maelstrom-tests.sh: build failed" >&2
  exit 254
fi
glomers=artifacts/glomers/glomers
if [ ! -x "$glomers" ] || [ "$glomers" -ot artifacts/bin/Glomers.Harness/release/glomers.dll ]; then
  echo "Publishing the bench (ReadyToRun)..."
  dotnet publish harness/Glomers.Harness.csproj -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o artifacts/glomers -v quiet -nologo > "$log" 2>&1 || { cat "$log" >&2; exit 254; }
fi

if [ -n "$exercise" ]; then
  IFS='|' read -r _ bin flags nodeargs mode what <<<"$exercise_row"
  echo
  echo "=== exercise $exercise: $what"
  # shellcheck disable=SC2086
  "$glomers" test $flags --bin "$bin" --mode "$mode" --seed "${seed:-1}" ${nodeargs:+-- $nodeargs}
  exit $?
fi

# Nodes are published ahead of time. Native AOT (linux-x64, linked by gcc or clang) gives a node that
# answers init in a few ms and serves at full speed from its first message; where that toolchain or
# the ILCompiler package is missing, ReadyToRun (precompiled IL on the shared runtime) is the fallback.
# A cluster of 25 must start in a fraction of the 10 s Maelstrom gives each node to answer init.
node_publish_kind() {
  if [ -z "${publish_kind:-}" ]; then
    publish_kind=aot
    publish_why=""
    if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
      publish_kind=r2r; publish_why="Native AOT is set up for linux-x64 only, this is $(uname -s)-$(uname -m)"
    elif ! command -v gcc >/dev/null 2>&1 && ! command -v clang >/dev/null 2>&1; then
      publish_kind=r2r; publish_why="no C toolchain (gcc or clang) to link native executables"
    elif ! dotnet restore nodes/Echo/Echo.csproj -r linux-x64 -p:PublishAot=true -v quiet -nologo > "$log" 2>&1; then
      publish_kind=r2r
      publish_why="the Native AOT compiler (runtime.linux-x64.Microsoft.DotNet.ILCompiler) cannot be restored: $(grep -m1 -oE 'error [A-Z]+[0-9]+:.*' "$log" | cut -c1-160)"
    fi
    if [ "$publish_kind" = r2r ]; then
      echo "NOTE: nodes are published ReadyToRun, not Native AOT: $publish_why."
      echo "      They start slower (about 100 ms to init_ok) and warm up during the first seconds of a run."
    fi
  fi
}

publish() {
  local node=$1 out="artifacts/nodes/$1"
  node_publish_kind
  # Up to date: same kind, published from the same build (the node's and the runtime's assemblies, by content).
  local built
  built=$(cat "artifacts/bin/$node/release/"*.dll 2>/dev/null | sha256sum | cut -d' ' -f1)
  [ -x "$out/$node" ] && [ "$(cat "$out/.publish-kind" 2>/dev/null)" = "$publish_kind" ] \
    && [ "$(cat "$out/.build-sha256" 2>/dev/null)" = "$built" ] && return 0
  rm -rf "$out"
  local start ms
  start=$(date +%s%N)
  if [ "$publish_kind" = aot ]; then
    echo "Publishing $node (Native AOT, linux-x64)..."
    dotnet publish "nodes/$node/$node.csproj" -c Release -r linux-x64 -p:PublishAot=true \
      -o "$out" -v quiet -nologo > "$log" 2>&1 || { cat "$log" >&2; return 1; }
  else
    echo "Publishing $node (ReadyToRun)..."
    dotnet publish "nodes/$node/$node.csproj" -c Release --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o "$out" -v quiet -nologo > "$log" 2>&1 || { cat "$log" >&2; return 1; }
  fi
  echo "$publish_kind" > "$out/.publish-kind"
  echo "$built" > "$out/.build-sha256"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "  published $out/$node in $((ms / 1000)).$(( (ms % 1000) / 100 )) s"
}

wanted() {
  [ ${#steps[@]} -eq 0 ] && return 0
  local s; for s in "${steps[@]}"; do [ "$s" = "$1" ] && return 0; done
  return 1
}

rows=()
failed=0
ran=0
# Runs and sweep seeds that were valid or not, for CI's count.
runs_passed=0
runs_failed=0
while IFS='|' read -r step node flags nodeargs faults sweepflags; do
  wanted "$step" || continue
  if [ ! -f "nodes/$node/$node.csproj" ]; then
    rows+=("$step|$node|not built yet|-|-|-|-|-")
    continue
  fi
  if [ "$sweep" -eq 0 ] && ! publish "$node"; then
    rows+=("$step|$node|publish failed|-|-|-|-|-")
    failed=1
    runs_failed=$((runs_failed + 1))
    continue
  fi
  bin="artifacts/nodes/$node/$node"
  if [ "$quick" = 1 ]; then
    flags=$(echo "$flags" | sed -E 's/--time-limit [0-9]+/--time-limit 5/')
    [ "$engine" = glomers ] && flags="$flags --recovery-time 3"
  fi
  if [ "$sweep" -gt 0 ]; then
    # Simulation runs the build output (the node class is loaded from the .dll beside it).
    bin="artifacts/bin/$node/release/$node"
    if [ -n "$faults" ]; then
      flags=$(echo "$flags" | sed -E 's/ --nemesis [^ ]+//')
      flags="$flags --nemesis $faults"
    fi
    [ -n "$sweepflags" ] && flags="$flags $sweepflags"
    echo
    echo "=== step $step: sweep of seeds 1-$sweep"
    echo "$glomers sweep $flags --bin $bin --seeds 1-$sweep${nodeargs:+ -- $nodeargs}"
    start=$(date +%s%N)
    out=$(mktemp)
    # shellcheck disable=SC2086
    "$glomers" sweep $flags --bin "$bin" --seeds "1-$sweep" ${nodeargs:+-- $nodeargs} | tee "$out"
    status=${PIPESTATUS[0]}
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    wall="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
    ran=$((ran + 1))
    if [ "$status" -ge 3 ]; then
      rows+=("$step|$node|error (exit $status)|-|-|-|-|$wall"); failed=1; runs_failed=$((runs_failed + 1)); rm -f "$out"; continue
    fi
    [ "$status" -eq 0 ] || failed=1
    # Seed rows are: seed, verdict, msgs-per-op, median, max, availability, wall. Report the worst of each.
    summary=$(awk -F'\t' '$1 ~ /^[0-9]+$/ && NF >= 6 {
        total++; if ($2 == "valid") ok++
        if ($3 != "-" && (m == "" || $3 + 0 > m)) m = $3 + 0
        if ($4 != "-" && (med == "" || $4 + 0 > med)) med = $4 + 0
        if ($5 != "-" && (mx == "" || $5 + 0 > mx)) mx = $5 + 0
        if ($6 != "-" && (a == "" || $6 + 0 < a)) a = $6 + 0
      } END {
        printf "%d/%d valid|%s|%s|%s|%s", ok, total, (m == "" ? "-" : m), (med == "" ? "-" : med), (mx == "" ? "-" : mx), (a == "" ? "-" : a)
      }' "$out")
    good=$(awk -F'\t' '$1 ~ /^[0-9]+$/ && NF >= 6 && $2 == "valid"' "$out" | wc -l)
    bad=$(awk -F'\t' '$1 ~ /^[0-9]+$/ && NF >= 2 && $2 != "valid"' "$out" | wc -l)
    runs_passed=$((runs_passed + good)); runs_failed=$((runs_failed + bad))
    rm -f "$out"
    rows+=("$step|$node|$summary|$wall")
    continue
  fi
  [ -n "$seed" ] && flags="$flags --seed $seed"
  echo
  echo "=== step $step"
  start=$(date +%s%N)
  if [ "$engine" = glomers ]; then
    echo "$glomers test $flags --bin $bin${nodeargs:+ -- $nodeargs}"
    # shellcheck disable=SC2086
    "$glomers" test $flags --bin "$bin" ${nodeargs:+-- $nodeargs}
    status=$?
  else
    echo "$maelstrom test $flags --bin $bin${nodeargs:+ -- $nodeargs}"
    # shellcheck disable=SC2086
    "$maelstrom" test $flags --bin "$bin" ${nodeargs:+-- $nodeargs}
    status=$?
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  wall="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
  ran=$((ran + 1))
  if [ "$status" -ge 3 ]; then
    rows+=("$step|$node|error (exit $status)|-|-|-|-|$wall")
    failed=1
    runs_failed=$((runs_failed + 1))
    continue
  fi
  summary=$("$glomers" summary --no-header store/latest 2>/dev/null || echo "unknown	-	-	-	-")
  IFS=$'\t' read -r verdict msgs median max avail <<<"$summary"
  if [ "$verdict" = valid ]; then runs_passed=$((runs_passed + 1)); else failed=1; runs_failed=$((runs_failed + 1)); fi
  rows+=("$step|$node|$verdict|$msgs|$median|$max|$avail|$wall")
done < <(catalogue)

echo
printf '%-5s %-10s %-14s %12s %12s %10s %13s %9s\n' step node verdict msgs-per-op median-ms max-ms availability wall-s
printf '%s\n' "-----------------------------------------------------------------------------------------------"
for row in "${rows[@]}"; do
  IFS='|' read -r step node verdict msgs median max avail wall <<<"$row"
  printf '%-5s %-10s %-14s %12s %12s %10s %13s %9s\n' "$step" "$node" "$verdict" "$msgs" "$median" "$max" "$avail" "$wall"
done
rm -f "$log"
echo "runs: $runs_passed passed, $runs_failed failed"
if [ "$sweep" -gt 0 ]; then
  echo "engine: glomers sim sweep of seeds 1-$sweep (worst seed per column: highest msgs-per-op and latencies, lowest availability); steps run: $ran"
else
  echo "engine: $engine; steps run: $ran"
fi
exit $failed
