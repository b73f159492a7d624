//! CDN cache purge and its status; technical metadata of files and of remote URLs.

use crate::common::{FILE_ID, Harness, api, example, json};
use serde_json::json;
use wiremock::matchers::body_json;

const PURGE_REQUEST_ID: &str = "598821f949c0a938d57563bd";

#[tokio::test]
async fn purge_file_cache_posts_the_url_and_returns_the_purge_request_id() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/purge").and(body_json(json!({
            "url": "https://ik.imagekit.io/demo/default-image.jpg",
        }))),
        json(201, example("PurgeCacheResult")),
    )
    .await;

    let purge = h
        .succeeds(h.ik.purge_file_cache("https://ik.imagekit.io/demo/default-image.jpg"))
        .await;

    assert_eq!(purge.request_id.as_deref(), Some(PURGE_REQUEST_ID));
    assert_eq!(purge.metadata().http_status_code(), 201);
}

#[tokio::test]
async fn get_purge_file_cache_status_gets_the_request_by_id_and_decodes_its_status() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/purge/598821f949c0a938d57563bd"),
        json(200, example("PurgeCacheStatus")),
    )
    .await;

    let status = h
        .succeeds(h.ik.get_purge_file_cache_status(PURGE_REQUEST_ID))
        .await;

    assert_eq!(status.status.as_deref(), Some("Completed"));
}

#[tokio::test]
async fn get_file_metadata_gets_the_files_metadata_and_decodes_dimensions_phash_and_exif() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563bd/metadata"),
        json(200, example("Metadata")),
    )
    .await;

    let metadata = h.succeeds(h.ik.get_file_metadata(FILE_ID)).await;

    assert_eq!((metadata.width, metadata.height), (Some(100), Some(68)));
    assert_eq!(metadata.p_hash.as_deref(), Some("f06830ca9f1e3e90"));
    let exif = metadata.exif.as_ref().unwrap();
    assert_eq!(exif.image.as_ref().unwrap()["Make"], json!("Canon"));
    assert_eq!(exif.exif.as_ref().unwrap()["FNumber"], json!(7.1));
}

#[tokio::test]
async fn get_remote_file_url_metadata_sends_the_url_as_query_parameter() {
    let h = Harness::start().await;
    h.expect(
        api(
            "GET",
            "/v1/metadata?url=https://ik.imagekit.io/demo/tr:w-300/default-image.jpg?v=2",
        ),
        json(200, example("Metadata")),
    )
    .await;

    let metadata = h
        .succeeds(h.ik.get_remote_file_url_metadata(
            "https://ik.imagekit.io/demo/tr:w-300/default-image.jpg?v=2",
        ))
        .await;

    assert_eq!(metadata.format.as_deref(), Some("jpg"));
    assert_eq!(metadata.size, Some(7749));
}

#[tokio::test]
async fn the_quick_start_guides_names_make_the_same_calls() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/purge").and(body_json(json!({
            "url": "https://ik.imagekit.io/demo/default-image.jpg",
        }))),
        json(201, example("PurgeCacheResult")),
    )
    .await;
    let purge = h
        .succeeds(h.ik.purge_cache("https://ik.imagekit.io/demo/default-image.jpg"))
        .await;
    assert_eq!(purge.request_id.as_deref(), Some(PURGE_REQUEST_ID));

    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/purge/598821f949c0a938d57563bd"),
        json(200, example("PurgeCacheStatus")),
    )
    .await;
    let status = h
        .succeeds(h.ik.get_purge_cache_status(PURGE_REQUEST_ID))
        .await;
    assert_eq!(status.metadata().http_status_code(), 200);

    let h = Harness::start().await;
    h.expect(
        api("GET", &format!("/v1/files/{FILE_ID}/metadata")),
        json(200, example("Metadata")),
    )
    .await;
    let metadata = h.succeeds(h.ik.get_metadata(FILE_ID)).await;
    assert_eq!(metadata.metadata().http_status_code(), 200);
}
