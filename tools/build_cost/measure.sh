#!/usr/bin/env bash
# The clean build a user pays for: a new binary crate that depends on imagekitio (default
# features) as it would come from crates.io, built from nothing with `cargo build`, next to a
# baseline crate with only reqwest, tokio, serde_json and rustls (what any HTTP client needs).
#
# imagekitio is packaged (`cargo package`) and served with every other crate from a local
# directory registry, so that it builds as a registry dependency does: not incrementally, with
# the packaged files only. A path dependency would be built incrementally, about 3 s slower.
#
# Usage: tools/build_cost/measure.sh [WORKDIR]   (WORKDIR defaults to a new temporary folder)
# Prints, for each crate, the wall time and the units that took longest, from `--timings`.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
here="$repo/tools/build_cost"

echo "== packaging imagekitio into $work/packages"
rm -rf "$work/packages" "$work/vendor" "$work/user" "$work/baseline" "$work/target-"*
(cd "$repo" && cargo package --workspace --no-verify --allow-dirty --exclude imagekitio-lean \
    --target-dir "$work/packages" -q)
mkdir -p "$work/unpacked"
for crate in "$work"/packages/package/*.crate; do
    tar -xzf "$crate" -C "$work/unpacked"
done

# The user crate, first with the packages patched in, to vendor every registry crate they need at
# the versions of the repository's lock file.
mkdir -p "$work/user/src"
cp "$here/user_main.rs" "$work/user/src/main.rs"
cp "$repo/Cargo.lock" "$work/user/Cargo.lock"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)
user_manifest() {
    cat <<EOF
[package]
name = "user"
version = "0.1.0"
edition = "2024"

[dependencies]
imagekitio = "$version"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
EOF
}
{
    user_manifest
    echo
    echo "[patch.crates-io]"
    for dir in "$work"/unpacked/*; do
        name=$(basename "$dir" | sed 's/-[0-9][^-]*$//')
        echo "$name = { path = \"$dir\" }"
    done
} >"$work/user/Cargo.toml"
(cd "$work/user" && cargo vendor -q "$work/vendor" >/dev/null)

# Then the packages join the vendored crates, and the user crate names only a version.
for crate in "$work"/packages/package/*.crate; do
    dir="$work/unpacked/$(basename "$crate" .crate)"
    sum=$(sha256sum "$crate" | cut -d' ' -f1)
    cp -r "$dir" "$work/vendor/"
    printf '{"files":{},"package":"%s"}' "$sum" >"$work/vendor/$(basename "$dir")/.cargo-checksum.json"
done
user_manifest >"$work/user/Cargo.toml"
rm "$work/user/Cargo.lock"

mkdir -p "$work/baseline/src"
cp "$here/baseline.toml" "$work/baseline/Cargo.toml"
cp "$here/baseline_main.rs" "$work/baseline/src/main.rs"

for crate in user baseline; do
    mkdir -p "$work/$crate/.cargo"
    cat >"$work/$crate/.cargo/config.toml" <<EOF
[source.crates-io]
replace-with = "measured"
[source.measured]
directory = "$work/vendor"
EOF
done
# The baseline takes the versions the user crate resolved to.
(cd "$work/user" && cargo generate-lockfile --offline -q)
cp "$work/user/Cargo.lock" "$work/baseline/Cargo.lock"

for crate in user baseline; do
    echo "== clean build of $crate ($(nproc) cores)"
    start=$(date +%s.%N)
    (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" cargo build --offline --timings -q)
    end=$(date +%s.%N)
    python3 "$here/units.py" "$work/target-$crate/cargo-timings/cargo-timing.html" "$start" "$end"
done
