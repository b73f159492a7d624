#!/usr/bin/env bash
# The compile-time cost of 100 `transform!` calls: builds a scratch crate with two binaries,
# 100 literal `transform!` calls against the same 100 strings as `Transformation::from_static`,
# and prints the mean incremental `cargo build` time of each (dependencies built once first).
# Usage: macros/tools/compile_cost.sh [runs]   (from the workspace root; default 10 runs)
set -euo pipefail
root=$(pwd)
runs=${1:-10}
dir=$(mktemp -d)
mkdir -p "$dir/src/bin"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "compile-cost"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
imagekitio = { path = "$root" }

[workspace]
TOML
echo 'fn main() {}' > "$dir/src/main.rs"
macro=""; plain=""
crops=(at_max force at_least maintain_ratio); formats=(auto webp avif jpg)
for i in $(seq 0 99); do
  w=$((i * 37 % 4000 + 1)); h=$((i * 53 % 4000 + 1)); q=$((i % 100 + 1))
  c=${crops[$((i % 4))]}; f=${formats[$((i / 4 % 4))]}; r=$((i % 4 * 90))
  macro+="    transform!(width = $w, height = $h, quality = $q, crop = \"$c\"; format = \"$f\", rotation = $r, grayscale),"$'\n'
  plain+="    Transformation::from_static(\"w-$w,h-$h,q-$q,c-$c:f-$f,rt-$r,e-grayscale\"),"$'\n'
done
main='fn main() { println!("{}", ALL.iter().map(|t| t.as_str().len()).sum::<usize>()); }'
printf 'use imagekitio::{Transformation, transform};\nconst ALL: [Transformation; 100] = [\n%s];\n%s\n' "$macro" "$main" > "$dir/src/bin/with_macro.rs"
printf 'use imagekitio::Transformation;\nconst ALL: [Transformation; 100] = [\n%s];\n%s\n' "$plain" "$main" > "$dir/src/bin/without_macro.rs"
cd "$dir"
cargo build --bins --quiet
[ "$(./target/debug/with_macro)" = "$(./target/debug/without_macro)" ] || { echo "outputs differ"; exit 1; }
for bin in with_macro without_macro; do
  total=0
  for _ in $(seq "$runs"); do
    touch "src/bin/$bin.rs"
    start=$(date +%s%N); cargo build --quiet --bin "$bin"; end=$(date +%s%N)
    total=$((total + (end - start) / 1000000))
  done
  echo "$bin: mean $((total / runs)) ms over $runs incremental builds"
done
rm -rf "$dir"
