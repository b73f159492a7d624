//! File versions: list, details, delete, restore.

use crate::common::{FILE_ID, Harness, api, example, json, no_content};
use serde_json::json;

const VERSION_ID: &str = "6452a4ecd2c0a3f1b9e0e1b7";

/// The file of the spec's example as its second version.
fn second_version() -> serde_json::Value {
    let mut version = example("FileDetails");
    version["type"] = json!("file-version");
    version["versionInfo"] = json!({"id": VERSION_ID, "name": "Version 2"});
    version
}

#[tokio::test]
async fn get_file_versions_lists_every_version_of_the_file() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563bd/versions"),
        json(200, json!([example("FileDetails"), second_version()])),
    )
    .await;

    let versions = h.succeeds(h.ik.get_file_versions(FILE_ID)).await;

    let names: Vec<_> = versions
        .iter()
        .map(|v| v.version_info.as_ref().unwrap().name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["Version 1", "Version 2"]);
    assert!(
        versions
            .iter()
            .all(|v| v.file_id.as_deref() == Some(FILE_ID))
    );
}

#[tokio::test]
async fn get_file_version_details_gets_one_version_by_file_and_version_id() {
    let h = Harness::start().await;
    h.expect(
        api(
            "GET",
            "/v1/files/598821f949c0a938d57563bd/versions/6452a4ecd2c0a3f1b9e0e1b7",
        ),
        json(200, second_version()),
    )
    .await;

    let version = h
        .succeeds(h.ik.get_file_version_details(FILE_ID, VERSION_ID))
        .await;

    assert_eq!(version.type_.as_deref(), Some("file-version"));
    assert_eq!(
        version.version_info.as_ref().unwrap().id.as_deref(),
        Some(VERSION_ID)
    );
}

#[tokio::test]
async fn delete_file_version_deletes_by_file_and_version_id() {
    let h = Harness::start().await;
    h.expect(
        api(
            "DELETE",
            "/v1/files/598821f949c0a938d57563bd/versions/6452a4ecd2c0a3f1b9e0e1b7",
        ),
        no_content(),
    )
    .await;

    let deleted = h
        .succeeds(h.ik.delete_file_version(FILE_ID, VERSION_ID))
        .await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}

#[tokio::test]
async fn restore_file_version_puts_to_restore_and_returns_the_file_with_that_version_current() {
    let h = Harness::start().await;
    let mut restored = second_version();
    restored["type"] = json!("file");
    h.expect(
        api(
            "PUT",
            "/v1/files/598821f949c0a938d57563bd/versions/6452a4ecd2c0a3f1b9e0e1b7/restore",
        ),
        json(200, restored),
    )
    .await;

    let file = h
        .succeeds(h.ik.restore_file_version(FILE_ID, VERSION_ID))
        .await;

    assert_eq!(file.type_.as_deref(), Some("file"));
    assert_eq!(
        file.version_info.as_ref().unwrap().name.as_deref(),
        Some("Version 2")
    );
}
