#!/usr/bin/env bash
# Variants at scale (issue 28): a project of N variants × 3 languages
# (tr, ar, fa) of the tri-fold (brochures/human-trafficking.yaml, with one
# social post) and the DL outreach flyer (examples/programme), both made
# from one table of N provincial offices: 6 × N editions.
#   bash bench/variants.sh make N DIR   writes the project into DIR
#   bash bench/variants.sh              (m) builds N = 1, 9, 27, 81 in a temp
#                                       dir: cold, no-op (replayed, then
#                                       with every record checked), one row
#                                       edited; shards (81 only)
# The rows cycle through examples/programme/data/provinces.csv (whose
# numbers and addresses are placeholders) with ids p001, p002, …
set -euo pipefail
cd "$(dirname "$0")/.."
programme=examples/programme

make_project() { # N DIR
  local n=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir/brochures" "$dir/data"
  cp -r "$programme"/kalem.yaml "$programme"/fonts "$programme"/assets "$programme"/translations "$dir"/
  cp "$programme"/brochures/outreach-flyer.yaml "$dir/brochures/"
  sed -i 's#^variants: .*#variants: data/offices.csv#' "$dir/brochures/outreach-flyer.yaml"
  # The tri-fold with its first social post only (hotline-157) and the table.
  awk '/^social:/ {s = 1; print; next} s && /^  - id:/ {n++} s && n > 1 {next} {print}' brochures/human-trafficking.yaml > "$dir/brochures/human-trafficking.yaml"
  sed -i 's#^format: .*#&\nvariants: data/offices.csv#' "$dir/brochures/human-trafficking.yaml"
  { head -1 "$programme/data/provinces.csv"
    tail -n +2 "$programme/data/provinces.csv" | cut -d, -f2- > "$dir/data/rows"
    local rows; rows=$(wc -l < "$dir/data/rows")
    for i in $(seq 1 "$n"); do
      printf 'p%03d,%s\n' "$i" "$(sed -n "$(( (i - 1) % rows + 1 ))p" "$dir/data/rows")"
    done; } > "$dir/data/offices.csv"
  rm "$dir/data/rows"
}

if [ "${1:-}" = make ]; then make_project "$2" "$3"; exit; fi

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
export SOURCE_DATE_EPOCH=1767225600
if [ -z "${KALEM:-}" ]; then cargo build --release --quiet --bin kalem; KALEM=$CARGO_TARGET_DIR/release/kalem; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# run LABEL EDITIONS ARGS...: one kalem run: wall, CPU, CPU per edition, max RSS
run() {
  local label=$1 editions=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$KALEM" "$@" > "$WORK/out" 2> "$WORK/err" || true
  grep -h "terminated by signal" "$WORK/time" | sed "s|^|  $label: |" || true
  tail -1 "$WORK/err" | grep -i "error\|panick" | cut -c1-200 | sed "s|^|  $label: |" || true
  read -r wall user sys rss < <(tail -1 "$WORK/time")
  local cpu; cpu=$(echo "$user + $sys" | bc)
  printf '%-28s wall %7.3f s (%5.1f ms/edition)  cpu %7.3f s (%5.1f ms/edition)  max RSS %4d MiB  %s\n' "$label" \
    "$wall" "$(echo "1000 * $wall / $editions" | bc -l)" "$cpu" "$(echo "1000 * $cpu / $editions" | bc -l)" "$((rss / 1024))" \
    "$(grep -o '[0-9]* edition(s) rebuilt, [0-9]* current' "$WORK/out" || true)"
}

echo "## machine"
echo "nproc: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "kalem: $(git rev-parse --short HEAD)"
echo; echo "## (m) N variants × 3 languages of the tri-fold and the DL flyer"
for n in ${SCALES:-1 9 27 81}; do
  make_project "$n" "$WORK/v$n"
  run "$n variants, cold" $((6 * n)) build --project "$WORK/v$n"
  run "$n variants, no-op" $((6 * n)) build --project "$WORK/v$n"
  rm -f "$WORK/v$n/output/.kalem/run.json"
  run "$n variants, no-op (records)" $((6 * n)) build --project "$WORK/v$n"
  # One office's number: its six editions, proof and contact sheets.
  sed -i '2s/,0[0-9]\{3\} 000 00 00,/,0212 000 00 01,/' "$WORK/v$n/data/offices.csv"
  run "$n variants, one row edited" $((6 * n)) build --project "$WORK/v$n"
  rm -rf "$WORK/v$n/output"
done
n=${SHARDED:-81}
echo; echo "## (m) $n variants as 3 shards + assemble"
make_project "$n" "$WORK/s"
for k in 1 2 3; do run "shard $k/3" $((2 * n)) build --shard "$k/3" --project "$WORK/s"; done
run "assemble" $((6 * n)) build --assemble --project "$WORK/s"
