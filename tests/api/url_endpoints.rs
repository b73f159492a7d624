//! URL endpoints: list, create, get, replace, delete.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::api::types::{UrlEndpointRequest, UrlRewriter};
use serde_json::json;
use wiremock::matchers::body_json;

const ENDPOINT_ID: &str = "6852a4ecd2c0a3f1b9e0e1a3";

#[tokio::test]
async fn list_url_endpoints_lists_the_default_and_custom_endpoints() {
    let h = Harness::start().await;
    let default = json!({"id": "default", "description": "Default URL endpoint", "urlPrefix": "", "origins": []});
    h.expect(
        api("GET", "/v1/accounts/url-endpoints"),
        json(200, json!([default, example("UrlEndpoint")])),
    )
    .await;

    let endpoints = h.succeeds(h.ik.list_url_endpoints()).await;

    let prefixes: Vec<_> = endpoints
        .iter()
        .map(|e| e.url_prefix.as_deref().unwrap())
        .collect();
    assert_eq!(prefixes, ["", "product-images"]);
    assert_eq!(endpoints[0].id, "default");
    assert_eq!(endpoints[1].origins, ["6852a4ecd2c0a3f1b9e0e1a2"]);
}

#[tokio::test]
async fn create_url_endpoint_posts_description_prefix_and_origins() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/accounts/url-endpoints").and(body_json(example("UrlEndpointRequest"))),
        json(201, example("UrlEndpoint")),
    )
    .await;

    let endpoint = UrlEndpointRequest::builder()
        .description("Product images")
        .url_prefix("product-images".to_string())
        .origins(vec!["6852a4ecd2c0a3f1b9e0e1a2".to_string()]);
    let created = h.succeeds(h.ik.create_url_endpoint(endpoint)).await;

    assert_eq!(created.id, ENDPOINT_ID);
    assert_eq!(created.description.as_deref(), Some("Product images"));
}

#[tokio::test]
async fn get_url_endpoint_gets_one_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/accounts/url-endpoints/6852a4ecd2c0a3f1b9e0e1a3"),
        json(200, example("UrlEndpoint")),
    )
    .await;

    let endpoint = h.succeeds(h.ik.get_url_endpoint(ENDPOINT_ID)).await;

    assert_eq!(endpoint.url_prefix.as_deref(), Some("product-images"));
    assert!(endpoint.url_rewriter.is_none());
}

#[tokio::test]
async fn update_url_endpoint_puts_the_whole_new_configuration_with_a_url_rewriter() {
    let h = Harness::start().await;
    let mut updated = example("UrlEndpoint");
    updated["origins"] = json!(["6852a4ecd2c0a3f1b9e0e1a2", "6852a4ecd2c0a3f1b9e0e1a5"]);
    updated["urlRewriter"] = json!({"type": "CLOUDINARY", "preserveAssetDeliveryTypes": true});
    h.expect(
        api("PUT", "/v1/accounts/url-endpoints/6852a4ecd2c0a3f1b9e0e1a3").and(body_json(json!({
            "description": "Product images",
            "urlPrefix": "product-images",
            "origins": ["6852a4ecd2c0a3f1b9e0e1a2", "6852a4ecd2c0a3f1b9e0e1a5"],
            "urlRewriter": {"type": "CLOUDINARY", "preserveAssetDeliveryTypes": true},
        }))),
        json(200, updated),
    )
    .await;

    let rewriter: UrlRewriter = UrlRewriter::builder()
        .type_("CLOUDINARY")
        .preserve_asset_delivery_types(true)
        .try_into()
        .unwrap();
    let endpoint = UrlEndpointRequest::builder()
        .description("Product images")
        .url_prefix("product-images".to_string())
        .origins(vec![
            "6852a4ecd2c0a3f1b9e0e1a2".to_string(),
            "6852a4ecd2c0a3f1b9e0e1a5".to_string(),
        ])
        .url_rewriter(Some(rewriter));
    let updated = h
        .succeeds(h.ik.update_url_endpoint(ENDPOINT_ID, endpoint))
        .await;

    let rewriter = updated.url_rewriter.as_ref().unwrap();
    assert_eq!(rewriter.type_, "CLOUDINARY");
    assert_eq!(rewriter.preserve_asset_delivery_types, Some(true));
}

#[tokio::test]
async fn delete_url_endpoint_deletes_by_id() {
    let h = Harness::start().await;
    h.expect(
        api(
            "DELETE",
            "/v1/accounts/url-endpoints/6852a4ecd2c0a3f1b9e0e1a3",
        ),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_url_endpoint(ENDPOINT_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}
