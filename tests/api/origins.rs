//! Origins: list, create, get, replace, delete.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::api::types::OriginRequest;
use serde_json::json;
use wiremock::matchers::body_json;

const ORIGIN_ID: &str = "6852a4ecd2c0a3f1b9e0e1a2";

fn web_folder() -> serde_json::Value {
    json!({
        "id": "6852a4ecd2c0a3f1b9e0e1a5",
        "name": "Website",
        "type": "WEB_FOLDER",
        "baseUrl": "https://www.example.com/images",
        "forwardHostHeaderToOrigin": false,
        "includeCanonicalHeader": false,
    })
}

#[tokio::test]
async fn list_origins_lists_origins_of_every_type() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/accounts/origins"),
        json(200, json!([example("Origin"), web_folder()])),
    )
    .await;

    let origins = h.succeeds(h.ik.list_origins()).await;

    let kinds: Vec<_> = origins.iter().map(|o| o.type_.as_str()).collect();
    assert_eq!(kinds, ["S3", "WEB_FOLDER"]);
    assert_eq!(origins[0].bucket.as_deref(), Some("product-images"));
    assert_eq!(
        origins[1].base_url.as_deref(),
        Some("https://www.example.com/images")
    );
}

#[tokio::test]
async fn create_origin_posts_the_configuration_with_secrets_and_returns_it_without() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/accounts/origins").and(body_json(example("OriginRequest"))),
        json(201, example("Origin")),
    )
    .await;

    let origin = OriginRequest::builder()
        .name("My S3 Origin")
        .type_("S3")
        .bucket("test-bucket".to_string())
        .prefix("images".to_string())
        .access_key("AKIATEST123".to_string())
        .secret_key("secrettest123".to_string());
    let created = h.succeeds(h.ik.create_origin(origin)).await;

    assert_eq!(created.id, ORIGIN_ID);
    assert_eq!(created.use_iam_role, Some(false));
    assert!(!String::from_utf8_lossy(created.metadata().raw()).contains("secret"));
}

#[tokio::test]
async fn get_origin_gets_one_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/accounts/origins/6852a4ecd2c0a3f1b9e0e1a2"),
        json(200, example("Origin")),
    )
    .await;

    let origin = h.succeeds(h.ik.get_origin(ORIGIN_ID)).await;

    assert_eq!(origin.name, "US S3 Storage");
    assert_eq!(origin.prefix.as_deref(), Some("raw-assets"));
}

#[tokio::test]
async fn update_origin_puts_the_whole_new_configuration() {
    let h = Harness::start().await;
    h.expect(
        api("PUT", "/v1/accounts/origins/6852a4ecd2c0a3f1b9e0e1a5").and(body_json(json!({
            "name": "Website",
            "type": "WEB_FOLDER",
            "baseUrl": "https://www.example.com/images",
            "forwardHostHeaderToOrigin": false,
            "includeCanonicalHeader": false,
        }))),
        json(200, web_folder()),
    )
    .await;

    let origin = OriginRequest::builder()
        .name("Website")
        .type_("WEB_FOLDER")
        .base_url("https://www.example.com/images".to_string())
        .forward_host_header_to_origin(false)
        .include_canonical_header(false);
    let updated = h
        .succeeds(h.ik.update_origin("6852a4ecd2c0a3f1b9e0e1a5", origin))
        .await;

    assert_eq!(updated.type_, "WEB_FOLDER");
    assert_eq!(updated.forward_host_header_to_origin, Some(false));
}

#[tokio::test]
async fn delete_origin_deletes_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/accounts/origins/6852a4ecd2c0a3f1b9e0e1a2"),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_origin(ORIGIN_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}
