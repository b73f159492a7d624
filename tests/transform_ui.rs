//! `transform!` diagnostics, one file per class of mistake in tests/ui/, compared with the
//! `.stderr` snapshots next to them. The snapshots were taken with rustc 1.95 (the toolchain CI
//! uses); another compiler may word its own parts differently. Refresh them with
//! `TRYBUILD=overwrite cargo test --test transform_ui`.

#[test]
fn diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
