//! `transform!` diagnostics, one file per class of mistake in tests/ui/, compared with the
//! `.stderr` snapshots next to them. The snapshots were taken with rustc 1.95, and a compiler's
//! own wording changes between releases, so they are compared only on that toolchain. Refresh
//! them with `TRYBUILD=overwrite cargo test --test transform ui::`.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the .stderr snapshots were taken with rustc 1.95"
)]
#[test]
fn diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
