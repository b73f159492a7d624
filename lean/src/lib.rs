//! Nothing here: the tests in `tests/` are the point of this package (see its Cargo.toml).
