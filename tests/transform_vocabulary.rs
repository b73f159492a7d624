//! `grammar/src/vocabulary.rs`, the table of `openapi/transformations.yaml` that the macro, the
//! builder and the list-of-steps form all read, must match its source: it is checked in because
//! `imagekitio-grammar` is published on its own and cannot read `../openapi`. It is regenerated
//! here with the code of `build/`; refresh it with `IMAGEKIT_BLESS=1 cargo test --test
//! transform_vocabulary`.

#[allow(dead_code)]
#[path = "../build/builder.rs"]
mod builder;
#[path = "../build/grammar_table.rs"]
mod grammar_table;
#[allow(dead_code)]
#[path = "../build/vocabulary.rs"]
mod vocabulary;

/// Fails when `relative` differs from `fresh`, or rewrites it with `IMAGEKIT_BLESS=1`.
fn check_fresh(relative: &str, fresh: String, source: &str) {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == fresh {
        return;
    }
    if std::env::var_os("IMAGEKIT_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    panic!(
        "{path} is stale: {source} changed. Refresh it with \
         `IMAGEKIT_BLESS=1 cargo test --test transform_vocabulary` and commit the result."
    );
}

#[test]
fn grammar_vocabulary_is_fresh() {
    let fresh = grammar_table::grammar_table_from_file().unwrap_or_else(|e| panic!("{e}"));
    check_fresh(
        grammar_table::GRAMMAR_TABLE,
        fresh,
        "openapi/transformations.yaml",
    );
}

/// The walk-through of adding a transformation: one entry in openapi/transformations.yaml (here
/// `e-sepia`, added to a copy) reaches all three forms. This test's `IMAGEKIT_BLESS=1` run
/// refreshes the grammar's table, which all three read; build.rs regenerates the builder on the
/// next build. Then `{"sepia": true}`, `.sepia()` and `transform!(sepia)` all render `e-sepia`.
#[test]
fn a_new_vocabulary_entry_reaches_every_form() {
    let path = format!(
        "{}/openapi/transformations.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut document: serde_json::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let entry = serde_json::json!({
        "x-ik-param": "e-sepia", "x-ik-render": "flag", "description": "Sepia tone.",
        "type": "boolean", "enum": [true]
    });
    document
        .pointer_mut("/components/schemas/TransformationStep/properties")
        .and_then(serde_json::Value::as_object_mut)
        .map(|properties| properties.insert("sepia".into(), entry))
        .unwrap_or_else(|| panic!("no TransformationStep properties"));
    let schemas = document
        .pointer("/components/schemas")
        .and_then(serde_json::Value::as_object)
        .unwrap_or_else(|| panic!("no schemas"));

    let vocabulary = vocabulary::Vocabulary::read(schemas).unwrap_or_else(|e| panic!("{e}"));
    let table = grammar_table::grammar_table(&vocabulary).unwrap_or_else(|e| panic!("{e}"));
    assert!(table.contains("pub static SEPIA: Entry"), "grammar table");
    assert!(table.contains(r#"param: "e-sepia""#), "grammar table");
    assert!(table.contains(r#""sepia" => &SEPIA"#), "lookup");
    let builder = builder::builder_rust(&vocabulary).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        builder.contains("pub fn sepia(mut self) -> Self"),
        "builder"
    );
    assert!(
        builder.contains(r#"assert_eq!(t.as_str(), "e-sepia")"#),
        "builder example"
    );
}
