//! Folders: create, delete, copy, move, rename, and the status of the bulk jobs.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::{CopyFolderOptions, RenameFolderOptions};
use serde_json::json;
use wiremock::matchers::body_json;

const JOB_ID: &str = "5d5b1a9b4c8c4c0001f3e4a2";

#[tokio::test]
async fn create_folder_posts_name_and_parent_and_accepts_imagekits_created_answer() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/folder").and(body_json(json!({
            "folderName": "summer",
            "parentFolderPath": "/product/images/",
        }))),
        json(201, json!({})),
    )
    .await;

    let created = h
        .succeeds(h.ik.create_folder("summer", "/product/images/"))
        .await;

    assert_eq!(created.metadata().http_status_code(), 201);
}

#[tokio::test]
async fn delete_folder_sends_the_folder_path_in_a_delete_body() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/folder").and(body_json(json!({"folderPath": "/folder/to/delete/"}))),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_folder("/folder/to/delete/")).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}

#[tokio::test]
async fn copy_folder_starts_a_copy_job_with_the_versions_flag_and_returns_the_job_id() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/bulkJobs/copyFolder").and(body_json(json!({
            "sourceFolderPath": "/path/of/source/folder",
            "destinationPath": "/path/of/destination/folder",
            "includeVersions": true,
        }))),
        json(200, example("BulkJob")),
    )
    .await;

    let job = h
        .succeeds(h.ik.copy_folder(
            "/path/of/source/folder",
            "/path/of/destination/folder",
            &CopyFolderOptions::new().include_file_versions(true),
        ))
        .await;

    assert_eq!(job.job_id, JOB_ID);
}

#[tokio::test]
async fn move_folder_starts_a_move_job_and_returns_the_job_id() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/bulkJobs/moveFolder").and(body_json(json!({
            "sourceFolderPath": "/path/of/source/folder",
            "destinationPath": "/path/of/destination/folder",
        }))),
        json(200, example("BulkJob")),
    )
    .await;

    let job = h
        .succeeds(h.ik.move_folder("/path/of/source/folder", "/path/of/destination/folder"))
        .await;

    assert_eq!(job.job_id, JOB_ID);
}

#[tokio::test]
async fn rename_folder_starts_a_rename_job_with_the_purge_flag_and_accepts_202() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/bulkJobs/renameFolder").and(body_json(json!({
            "folderPath": "/path/of/folder",
            "newFolderName": "new-folder-name",
            "purgeCache": true,
        }))),
        json(202, example("BulkJob")),
    )
    .await;

    let job = h
        .succeeds(h.ik.rename_folder(
            "/path/of/folder",
            "new-folder-name",
            &RenameFolderOptions::new().purge_cache(true),
        ))
        .await;

    assert_eq!(job.job_id, JOB_ID);
    assert_eq!(job.metadata().http_status_code(), 202);
}

#[tokio::test]
async fn get_bulk_job_status_gets_the_job_by_id_and_decodes_type_and_status() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/bulkJobs/5d5b1a9b4c8c4c0001f3e4a2"),
        json(200, example("BulkJobStatus")),
    )
    .await;

    let job = h.succeeds(h.ik.get_bulk_job_status(JOB_ID)).await;

    assert_eq!(job.job_id.as_deref(), Some(JOB_ID));
    assert_eq!(job.type_.as_deref(), Some("COPY_FOLDER"));
    assert_eq!(job.status.as_deref(), Some("Completed"));
}

#[tokio::test]
async fn copy_folder_leaves_the_versions_flag_out_unless_set() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/bulkJobs/copyFolder").and(body_json(json!({
            "sourceFolderPath": "/path/of/source/folder",
            "destinationPath": "/path/of/destination/folder",
        }))),
        json(200, example("BulkJob")),
    )
    .await;

    let defaults = CopyFolderOptions::default();
    let job = h
        .succeeds(h.ik.copy_folder(
            "/path/of/source/folder",
            "/path/of/destination/folder",
            &defaults,
        ))
        .await;

    assert_eq!(job.job_id, JOB_ID);
}
