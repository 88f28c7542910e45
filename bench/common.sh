# Shared by the bench scripts (sourced, from the repository root).

# A copy of the sample project at $1.
copy_sample() { rm -rf "$1"; mkdir -p "$1"; cp -r kalem.yaml brochures translations assets fonts "$1"/; }

# A sample project at $2 whose only brochures are $1 copies of the
# tri-fold without its social posts (PDFs only).
trifold_copies() {
  copy_sample "$2"
  rm "$2"/brochures/*.yaml
  for i in $(seq -w 1 "$1"); do
    sed '/^social:/,$d' brochures/human-trafficking.yaml > "$2/brochures/trifold-$i.yaml"
  done
}
