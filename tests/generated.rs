//! Every generated file is checked in and must match what `codegen/` makes of its source
//! today: the client from `openapi/imagekit.yaml` (by progenitor, which then stays out of a
//! user's build), and the grammar's table, the typed builder and the JSON Schema from
//! `openapi/transformations.yaml`. After changing a spec, refresh them with
//! `IMAGEKIT_BLESS=1 cargo test --test generated` and commit the result.

#[path = "../codegen/builder.rs"]
mod builder;
#[path = "../codegen/client.rs"]
mod client;
#[path = "../codegen/grammar_table.rs"]
mod grammar_table;
#[path = "../codegen/request_builders.rs"]
mod request_builders;
#[path = "../codegen/vocabulary.rs"]
mod vocabulary;

/// Fails when `relative` differs from `fresh`, or rewrites it with `IMAGEKIT_BLESS=1`.
fn check_fresh(relative: &str, fresh: Result<String, String>, source: &str) {
    let fresh = fresh.unwrap_or_else(|e| panic!("cannot generate {relative}: {e}"));
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
         `IMAGEKIT_BLESS=1 cargo test --test generated` and commit the result."
    );
}

#[test]
fn the_generated_client_is_fresh() {
    check_fresh(client::CLIENT, client::client_rust(), client::SPEC);
}

/// Struct builders are for what a caller writes: request bodies and the types inside them
/// (an `Extension` in a saved extension, its `RemoveBgOptions`), not the answers.
#[test]
fn only_the_types_a_caller_sends_have_struct_builders() {
    let source = client::client_rust().unwrap_or_else(|e| panic!("{e}"));
    let file: syn::File = syn::parse_str(&source).unwrap_or_else(|e| panic!("{e}"));
    let types = module(&file.items, "types");
    let builders: Vec<String> = module(types, "builder")
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    for sent in [
        "OriginRequest",
        "CreateSavedExtensionRequest",
        "Extension",
        "RemoveBgOptions",
    ] {
        assert!(
            builders.iter().any(|b| b == sent),
            "{sent} lost its builder"
        );
    }
    for answer in [
        "FileDetails",
        "FileOrFolder",
        "UploadedFile",
        "UsageAnalytics",
        "Origin",
    ] {
        assert!(
            !builders.iter().any(|b| b == answer),
            "{answer} has a builder"
        );
        let constructor = format!("impl {answer} {{ pub fn builder");
        assert!(
            !source
                .replace(['\n', ' '], "")
                .contains(&constructor.replace(' ', ""))
        );
    }
}

fn module<'a>(items: &'a [syn::Item], name: &str) -> &'a [syn::Item] {
    items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, i)| &i[..]),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no module `{name}`"))
}

#[test]
fn the_list_of_idempotent_operations_is_fresh() {
    check_fresh(client::IDEMPOTENT, client::idempotent_rust(), client::SPEC);
}

#[test]
fn the_grammar_table_is_fresh() {
    check_fresh(
        grammar_table::GRAMMAR_TABLE,
        grammar_table::grammar_table_from_file(),
        vocabulary::VOCABULARY,
    );
}

#[test]
fn the_typed_builder_is_fresh() {
    let fresh = vocabulary::read_schemas()
        .and_then(|schemas| vocabulary::Vocabulary::read(&schemas))
        .and_then(|vocabulary| builder::builder_rust(&vocabulary));
    check_fresh(builder::BUILDER, fresh, vocabulary::VOCABULARY);
}

#[test]
fn the_json_schema_of_transformations_is_fresh() {
    let fresh =
        vocabulary::read_schemas().and_then(|schemas| vocabulary::json_schema_rust(&schemas));
    check_fresh(vocabulary::JSON_SCHEMA, fresh, vocabulary::VOCABULARY);
}

/// The walk-through of adding a transformation: one entry in openapi/transformations.yaml (here
/// `e-sepia`, added to a copy) reaches all three forms. This test's `IMAGEKIT_BLESS=1` run
/// refreshes the grammar's table, which all three read, and the builder. Then `{"sepia": true}`, `.sepia()` and `transform!(sepia)` all render `e-sepia`.
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
