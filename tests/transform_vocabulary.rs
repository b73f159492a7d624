//! The macro crate's copy of the vocabulary (`macros/src/vocabulary.rs`) must match
//! `openapi/transformations.yaml`. It is checked in because `imagekitio-macros` is published on
//! its own and cannot read `../openapi`; this test regenerates it with the same code build.rs
//! uses and fails when the copy is stale. Refresh it with
//! `IMAGEKIT_BLESS=1 cargo test --test transform_vocabulary`.

#[allow(dead_code)]
#[path = "../build/vocabulary.rs"]
mod vocabulary;

#[test]
fn macro_vocabulary_is_fresh() {
    let fresh = vocabulary::macro_crate::macro_table_from_file().unwrap_or_else(|e| panic!("{e}"));
    let path = format!(
        "{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        vocabulary::macro_crate::MACRO_TABLE
    );
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == fresh {
        return;
    }
    if std::env::var_os("IMAGEKIT_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    panic!(
        "{path} is stale: openapi/transformations.yaml changed. Refresh it with \
         `IMAGEKIT_BLESS=1 cargo test --test transform_vocabulary` and commit the result."
    );
}
