//! Saved extensions: list, create, get, update, delete.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::api::types::{
    CreateSavedExtensionRequest, Extension, RemoveBgOptions, UpdateSavedExtensionRequest,
};
use serde_json::json;
use wiremock::matchers::body_json;

const EXTENSION_ID: &str = "ext_abc123";

#[tokio::test]
async fn list_saved_extensions_lists_the_accounts_saved_extensions() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/saved-extensions"),
        json(200, json!([example("SavedExtension")])),
    )
    .await;

    let extensions = h.succeeds(h.ik.list_saved_extensions()).await;

    assert_eq!(extensions.len(), 1);
    assert_eq!(extensions[0].id.as_deref(), Some(EXTENSION_ID));
    let config = extensions[0].config.as_ref().unwrap();
    assert_eq!(config.name, "ai-tasks");
    assert_eq!(
        config.tasks[0].instruction.as_deref(),
        Some("Which body type is the car?")
    );
}

#[tokio::test]
async fn create_saved_extension_posts_name_description_and_config_and_returns_it() {
    let h = Harness::start().await;
    let config =
        json!({"name": "remove-bg", "options": {"add_shadow": true, "bg_color": "81d4fa"}});
    let mut saved = example("SavedExtension");
    saved["name"] = json!("Product cut-outs");
    saved["description"] = json!("Background removal with a shadow");
    saved["config"] = config.clone();
    h.expect(
        api("POST", "/v1/saved-extensions").and(body_json(json!({
            "name": "Product cut-outs",
            "description": "Background removal with a shadow",
            "config": config,
        }))),
        json(201, saved),
    )
    .await;

    let options: RemoveBgOptions = RemoveBgOptions::builder()
        .add_shadow(true)
        .bg_color("81d4fa".to_string())
        .try_into()
        .unwrap();
    let request = CreateSavedExtensionRequest::builder()
        .name("Product cut-outs")
        .description("Background removal with a shadow")
        .config(
            Extension::builder()
                .name("remove-bg")
                .options(Some(options)),
        );
    let created = h.succeeds(h.ik.create_saved_extension(request)).await;

    assert_eq!(created.id.as_deref(), Some(EXTENSION_ID));
    let options = created.config.as_ref().unwrap().options.as_ref().unwrap();
    assert_eq!(options.add_shadow, Some(true));
}

#[tokio::test]
async fn get_saved_extension_gets_one_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/saved-extensions/ext_abc123"),
        json(200, example("SavedExtension")),
    )
    .await;

    let saved = h.succeeds(h.ik.get_saved_extension(EXTENSION_ID)).await;

    assert_eq!(saved.name.as_deref(), Some("Car Quality Analysis"));
    assert_eq!(
        saved.created_at.map(|t| t.to_rfc3339()),
        Some("2025-01-10T09:00:00+00:00".to_string())
    );
}

#[tokio::test]
async fn update_saved_extension_patches_only_the_fields_set() {
    let h = Harness::start().await;
    let mut updated = example("SavedExtension");
    updated["description"] = json!("Tags vehicle photos by body type and colour");
    h.expect(
        api("PATCH", "/v1/saved-extensions/ext_abc123").and(body_json(json!({
            "description": "Tags vehicle photos by body type and colour",
        }))),
        json(200, updated),
    )
    .await;

    let change = UpdateSavedExtensionRequest::builder().description(Some(
        "Tags vehicle photos by body type and colour".to_string(),
    ));
    let saved = h
        .succeeds(h.ik.update_saved_extension(EXTENSION_ID, change))
        .await;

    assert_eq!(
        saved.description.as_deref(),
        Some("Tags vehicle photos by body type and colour")
    );
}

#[tokio::test]
async fn delete_saved_extension_deletes_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/saved-extensions/ext_abc123"),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_saved_extension(EXTENSION_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}
