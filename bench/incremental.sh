#!/usr/bin/env bash
# Incremental builds and shards (issue 28), with the release binary:
#   (h) a no-op rebuild of every sample after a cold build (the last build
#       replayed), and with every output's record checked instead;
#   (i) the rebuild after editing one translation key that one brochure shows;
#   (j) the samples as 3 shards + --assemble: the sum of their CPU time
#       against a one-shot build's;
#   (k) peak memory of a cold build (previews go to disk, not memory).
# Times are wall, user + system CPU, max RSS. The machine may be shared:
# compare CPU time rather than wall time.
# usage: bash bench/incremental.sh    (KALEM=path/to/kalem to skip building)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
export SOURCE_DATE_EPOCH=1767225600
if [ -z "${KALEM:-}" ]; then cargo build --release --quiet --bin kalem; KALEM=$CARGO_TARGET_DIR/release/kalem; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source bench/common.sh
# run LABEL ARGS...: one kalem run, printed as "LABEL wall cpu rss"
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$KALEM" "$@" > "$WORK/out" 2> /dev/null || true
  read -r wall user sys rss < "$WORK/time"
  printf '%-40s wall %6.3f s  cpu %6.3f s  max RSS %4d MiB  %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(grep -o '[0-9]* edition(s) rebuilt, [0-9]* current' "$WORK/out" || true)"
}

echo "## machine"
echo "nproc: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "kalem: $(git rev-parse --short HEAD)"

copy_sample "$WORK/p"
echo; echo "## (h, k) cold build, then no-op rebuilds"
run "cold build" build --project "$WORK/p"
for i in $(seq "$RUNS"); do run "no-op rebuild $i" build --project "$WORK/p"; done
# Without the last build's record every output's own record is checked.
for i in $(seq "$RUNS"); do rm -f "$WORK/p/output/.kalem/run.json"; run "no-op, each output's record $i" build --project "$WORK/p"; done
run "kalem check (sets everything, writes nothing)" check --project "$WORK/p"

echo; echo "## (i) one translation key edited (poster.venue in tr: the meeting poster's Turkish edition only)"
for i in $(seq "$RUNS"); do
  sed -i "s/Konferans Salonu\(.*\)\$/Konferans Salonu\1 $i/" "$WORK/p/translations/tr.yaml"
  run "one key edited $i" build --project "$WORK/p"
done
run "forced full build" build --force --project "$WORK/p"

echo; echo "## (j) three shards + assemble against a one-shot build"
copy_sample "$WORK/s"
for k in 1 2 3; do run "shard $k/3" build --shard "$k/3" --project "$WORK/s"; done
run "assemble" build --assemble --project "$WORK/s"
copy_sample "$WORK/o"
run "one-shot" build --project "$WORK/o"

echo; echo "## (l) peak memory against the number of editions: N tri-folds × 3 languages, cold"
for n in ${SCALES:-4 20 60}; do
  dir="$WORK/scale$n"
  trifold_copies "$n" "$dir"
  run "$n × 3 editions, cold" build --project "$dir"
  run "$n × 3 editions, no-op" build --project "$dir"
done

# (m) 1, 9, 27, 81 variants × 3 languages of the tri-fold and DL flyer:
# needs variants (the other half of issue 28); see BENCHMARKS.md.
