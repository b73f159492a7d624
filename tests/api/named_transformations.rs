//! Named transformations: list, create, get, update, delete.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::api::types::{CreateNamedTransformationRequest, UpdateNamedTransformationRequest};
use serde_json::json;
use wiremock::matchers::body_json;

const NAMED_ID: &str = "6bZ9x2ZUx";

#[tokio::test]
async fn list_named_transformations_lists_names_and_their_transformations() {
    let h = Harness::start().await;
    let mut watermark = example("NamedTransformation");
    watermark["id"] = json!("7cA0y3aVy");
    watermark["name"] = json!("watermarked");
    watermark["transformation"] = json!("l-image,i-logo.png,w-100,lx-10,ly-10,l-end");
    watermark["enabled"] = json!(false);
    h.expect(
        api("GET", "/v1/named-transformations"),
        json(200, json!([example("NamedTransformation"), watermark])),
    )
    .await;

    let named = h.succeeds(h.ik.list_named_transformations()).await;

    let pairs: Vec<_> = named
        .iter()
        .map(|n| (n.name.as_str(), n.transformation.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("small_thumbnail", "w-150,h-150,fo-center,cm-resize"),
            ("watermarked", "l-image,i-logo.png,w-100,lx-10,ly-10,l-end"),
        ]
    );
    assert_eq!(named[1].enabled, Some(false));
}

#[tokio::test]
async fn create_named_transformation_posts_name_transformation_and_enabled() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/named-transformations").and(body_json(json!({
            "name": "small_thumbnail",
            "transformation": "w-150,h-150,fo-center,cm-resize",
            "enabled": true,
        }))),
        json(201, example("NamedTransformation")),
    )
    .await;

    let request = CreateNamedTransformationRequest::builder()
        .name("small_thumbnail")
        .transformation("w-150,h-150,fo-center,cm-resize")
        .enabled(true);
    let created = h.succeeds(h.ik.create_named_transformation(request)).await;

    assert_eq!(created.id, NAMED_ID);
    assert_eq!(created.enabled, Some(true));
}

#[tokio::test]
async fn create_named_transformation_also_accepts_200() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/named-transformations").and(body_json(json!({
            "name": "small_thumbnail",
            "transformation": "w-150,h-150,fo-center,cm-resize",
        }))),
        json(200, example("NamedTransformation")),
    )
    .await;

    let request = CreateNamedTransformationRequest::builder()
        .name("small_thumbnail")
        .transformation("w-150,h-150,fo-center,cm-resize");
    let created = h.succeeds(h.ik.create_named_transformation(request)).await;

    assert_eq!(created.name, "small_thumbnail");
}

#[tokio::test]
async fn get_named_transformation_gets_one_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/named-transformations/6bZ9x2ZUx"),
        json(200, example("NamedTransformation")),
    )
    .await;

    let named = h.succeeds(h.ik.get_named_transformation(NAMED_ID)).await;

    assert_eq!(named.name, "small_thumbnail");
    assert_eq!(named.transformation, "w-150,h-150,fo-center,cm-resize");
}

#[tokio::test]
async fn update_named_transformation_patches_only_the_fields_set() {
    let h = Harness::start().await;
    let mut updated = example("NamedTransformation");
    updated["transformation"] = json!("w-200,h-200,fo-center,cm-resize");
    h.expect(
        api("PATCH", "/v1/named-transformations/6bZ9x2ZUx").and(body_json(json!({
            "transformation": "w-200,h-200,fo-center,cm-resize",
        }))),
        json(200, updated),
    )
    .await;

    let change = UpdateNamedTransformationRequest::builder()
        .transformation(Some("w-200,h-200,fo-center,cm-resize".to_string()));
    let named = h
        .succeeds(h.ik.update_named_transformation(NAMED_ID, change))
        .await;

    assert_eq!(named.transformation, "w-200,h-200,fo-center,cm-resize");
}

#[tokio::test]
async fn delete_named_transformation_deletes_by_id() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/named-transformations/6bZ9x2ZUx"),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_named_transformation(NAMED_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}
