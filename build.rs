//! Compiles `openapi/imagekit.yaml` into the generated client (`$OUT_DIR/imagekit_api.rs`).
//!
//! progenitor cannot express multipart/form-data, so operations marked `x-ik-multipart: true` are
//! removed from the document before generation; their schemas stay in `components`, so the
//! hand-written upload code still uses generated request and response types.

use std::{env, fs, path::PathBuf, process::exit};

#[path = "build/vocabulary.rs"]
mod vocabulary;

const SPEC: &str = "openapi/imagekit.yaml";

fn main() {
    vocabulary::run();
    println!("cargo:rerun-if-changed={SPEC}");
    if let Err(problem) = generate() {
        eprintln!("error: cannot generate the ImageKit client from {SPEC}: {problem}");
        exit(1);
    }
}

fn generate() -> Result<(), String> {
    let text = fs::read_to_string(SPEC).map_err(|e| format!("cannot read it: {e}"))?;
    let mut document: serde_json::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("it is not valid YAML: {e}"))?;
    drop_multipart_operations(&mut document)?;
    let spec: openapiv3::OpenAPI = serde_json::from_value(document)
        .map_err(|e| format!("it is not an OpenAPI 3.0 document: {e}"))?;

    let mut settings = progenitor::GenerationSettings::new();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_hooks(progenitor::HooksMode::Expected)
        .with_inner_type(
            "crate::transport::Transport"
                .parse()
                .map_err(|e| format!("{e}"))?,
        )
        // ImageKit clears a field when PATCH sends an explicit `null`, which generated
        // `Option<T>` fields cannot express; the hand-written type can.
        .with_replacement(
            "UpdateFileDetailsRequest",
            "crate::files::UpdateFileDetails",
            std::iter::empty(),
        );
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|e| format!("progenitor rejected it: {e}"))?;
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let code = prettyplease::unparse(&file);

    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    fs::write(out.join("imagekit_api.rs"), code).map_err(|e| format!("cannot write: {e}"))
}

/// Removes every operation carrying `x-ik-multipart: true`, and any path left empty.
fn drop_multipart_operations(document: &mut serde_json::Value) -> Result<(), String> {
    let paths = document
        .get_mut("paths")
        .and_then(|p| p.as_object_mut())
        .ok_or("it has no `paths` object")?;
    for item in paths.values_mut() {
        if let Some(item) = item.as_object_mut() {
            item.retain(|_, op| op.get("x-ik-multipart") != Some(&serde_json::Value::Bool(true)));
        }
    }
    paths.retain(|_, item| {
        item.as_object().is_some_and(|ops| {
            ops.keys()
                .any(|k| !k.starts_with("x-") && k != "parameters")
        })
    });
    Ok(())
}
