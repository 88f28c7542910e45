#!/usr/bin/env bash
# Benchmarks behind BENCHMARKS.md, with the release binary:
#   (a) cold `kalem build` of every sample, RUNS times, median wall time;
#   (b) the per-edition times of that build's summary table;
#   (c) 1, 5, 10, 20 copies of the tri-fold × 3 languages, on 1 and 2 threads;
#   (d) peak memory (max RSS) of (a) and (c);
#   (e) a warm rebuild of one edition after a translation edit (as `kalem
#       watch` does it) against a cold one;
#   (f) the typst Python package compiling kalem's own typst sources for the
#       same outputs one after another, if `import typst` works;
#   (g) `kalem check` against `kalem translations status` alone (which reads
#       the sources and lock files and finds stale units: what stale
#       detection adds to a check, with the reading a check does anyway);
#   (h-l) incremental builds and shards: bench/incremental.sh.
#   (s) `kalem build --only site` after a build, and the gzipped weight of
#       every page of the site with its style sheets and fonts.
# usage: bash bench/run.sh            (RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
export SOURCE_DATE_EPOCH=1767225600
cargo build --release --quiet --bin kalem --example kalem-bench
KALEM=$CARGO_TARGET_DIR/release/kalem
BENCH=$CARGO_TARGET_DIR/release/examples/kalem-bench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

source bench/common.sh
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed NAME DIR: one cold build; appends "wall_s max_rss_kb cpu%" to $WORK/NAME.times.
timed() {
  rm -rf "$2/output"
  /usr/bin/time -f "%e %M %P" -o "$WORK/time" "$KALEM" build --project "$2" > "$WORK/$1.table"
  cat "$WORK/time" >> "$WORK/$1.times"
}
report() { # report NAME LABEL
  printf '%-34s median %6.2f s  (runs: %s)  max RSS %4d MiB  CPU %s\n' "$2" \
    "$(cut -d' ' -f1 "$WORK/$1.times" | median)" "$(cut -d' ' -f1 "$WORK/$1.times" | tr '\n' ' ' | sed 's/ $//')" \
    "$(( $(cut -d' ' -f2 "$WORK/$1.times" | sort -n | tail -1) / 1024 ))" "$(cut -d' ' -f3 "$WORK/$1.times" | median)"
}

echo "## machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
awk '/MemTotal/ {printf "ram: %.1f GiB\n", $2 / 1048576}' /proc/meminfo
echo "kalem: $(git rev-parse --short HEAD) $(git status --porcelain | grep -q . && echo '(with local changes)')"

echo; echo "## (a, d) cold build of every sample"
copy_sample "$WORK/sample"
for _ in $(seq "$RUNS"); do timed sample "$WORK/sample"; done
for threads in 1 2; do
  for _ in $(seq "$RUNS"); do RAYON_NUM_THREADS=$threads timed "sample$threads" "$WORK/sample"; done
done
report sample "all samples (default threads)"
report sample1 "all samples, RAYON_NUM_THREADS=1"
report sample2 "all samples, RAYON_NUM_THREADS=2"

echo; echo "## (b) per-edition times of the last run (ms, from kalem's summary)"
cat "$WORK/sample2.table"

echo; echo "## (c, d) N tri-folds × 3 languages (PDFs only, no social posts)"
for n in 1 5 10 20; do
  dir="$WORK/scale$n"
  trifold_copies "$n" "$dir"
  for threads in 1 2; do
    for _ in $(seq 3); do RAYON_NUM_THREADS=$threads timed "scale$n-$threads" "$dir"; done
    report "scale$n-$threads" "$n × 3 editions, $threads thread(s)"
  done
done

echo; echo "## (e) warm rebuild of one edition (human-trafficking, tr) after a translation edit"
copy_sample "$WORK/warm"
"$BENCH" warm "$WORK/warm" 10

echo; echo "## (f) the typst Python package, same typst sources, one output after another"
copy_sample "$WORK/dumped"
if python3 -c 'import typst' 2> /dev/null; then
  "$BENCH" dump "$WORK/dumped" "$WORK/dump"
  python3 bench/typst_py.py "$WORK/dump" "$RUNS"
else
  echo "python package typst not installed (pip install typst): skipped"
fi

echo; echo "## (g) translation state: kalem check, and kalem translations status alone"
copy_sample "$WORK/state"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M %P" -a -o "$WORK/check.times" "$KALEM" check --project "$WORK/state" > /dev/null 2>&1
  /usr/bin/time -f "%e %M %P" -a -o "$WORK/status.times" "$KALEM" translations status --project "$WORK/state" > /dev/null
done
report check "kalem check"
report status "kalem translations status"

echo; echo "## (s) the campaign website: kalem build --only site after a build, and its weight"
copy_sample "$WORK/site"
"$KALEM" build --project "$WORK/site" > /dev/null 2>&1 || true
for _ in $(seq "$RUNS"); do
  rm -rf "$WORK/site/output/site"
  /usr/bin/time -f "%e %M %P" -a -o "$WORK/site.times" "$KALEM" build --only site --project "$WORK/site" > /dev/null
done
report site "kalem build --only site (cold site)"
for lang in tr ar fa; do
  fonts=$(sed -n 's/.*url(\([^)]*\)).*/\1/p' "$WORK/site/output/site/$lang/fonts.css" | (cd "$WORK/site/output/site/$lang" && xargs cat) | wc -c)
  css=$(( $(gzip -9c "$WORK/site/output/site/kalem.css" | wc -c) + $(gzip -9c "$WORK/site/output/site/$lang/fonts.css" | wc -c) ))
  for page in "$WORK/site/output/site/$lang"/*.html; do
    printf '%-40s page %6d  css %5d  fonts %6d  total %6d bytes (gzip)\n' "$lang/$(basename "$page")" \
      "$(gzip -9c "$page" | wc -c)" "$css" "$fonts" "$(( $(gzip -9c "$page" | wc -c) + css + fonts ))"
  done
done

echo; bash bench/incremental.sh
