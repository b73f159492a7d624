//! Files: list and search, details, update, delete, bulk delete, copy, move, rename, tags.

use crate::common::{FILE_ID, Harness, api, example, json, no_content};
use imagekitio::{
    CopyFileOptions, ListFilesOptions, RenameFileOptions, UpdateFileDetails,
    api::types::{Extension, ListFilesFileType, ListFilesSort, ListFilesType},
};
use serde_json::json;
use wiremock::matchers::body_json;

const OTHER_FILE_ID: &str = "598821f949c0a938d57563be";

#[tokio::test]
async fn list_files_sends_every_filter_as_a_query_parameter_and_decodes_files_and_folders() {
    let h = Harness::start().await;
    h.expect(
        api(
            "GET",
            "/v1/files?type=file&sort=DESC_CREATED&path=/images/products\
             &searchQuery=createdAt >= '7d' AND size < '2mb'&fileType=image\
             &tags=t-shirt,sale2019&limit=50&skip=100",
        ),
        json(
            200,
            json!([example("FileDetails"), example("FileOrFolder")]),
        ),
    )
    .await;

    let options = ListFilesOptions::new()
        .type_(ListFilesType::File)
        .sort(ListFilesSort::DescCreated)
        .path("/images/products")
        .search_query("createdAt >= '7d' AND size < '2mb'")
        .file_type(ListFilesFileType::Image)
        .tags(["t-shirt", "sale2019"])
        .limit(50)
        .skip(100);
    let files = h.succeeds(h.ik.list_files(&options)).await;

    assert_eq!(files.len(), 2);
    assert_eq!(files[0].file_id.as_deref(), Some(FILE_ID));
    assert_eq!(
        files[0].file_path.as_deref(),
        Some("/images/products/file.jpg")
    );
    assert_eq!(files[1].type_.as_deref(), Some("folder"));
    assert_eq!(files[1].folder_path.as_deref(), Some("/sale/summer"));
}

#[tokio::test]
async fn list_files_without_options_sends_no_query_parameter() {
    let h = Harness::start().await;
    h.expect(api("GET", "/v1/files"), json(200, json!([])))
        .await;

    let files = h.succeeds(h.ik.list_files(&ListFilesOptions::new())).await;

    assert!(files.is_empty());
}

#[tokio::test]
async fn get_file_details_gets_the_file_by_id_and_decodes_it_with_the_exchange() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563bd/details"),
        json(200, example("FileDetails")),
    )
    .await;

    let file = h.succeeds(h.ik.get_file_details(FILE_ID)).await;

    assert_eq!(file.file_id.as_deref(), Some(FILE_ID));
    assert_eq!(file.name.as_deref(), Some("file.jpg"));
    assert_eq!(
        file.tags.as_ref().unwrap(),
        &["t-shirt", "round-neck", "sale2019"]
    );
    assert_eq!(
        file.url.as_deref(),
        Some(
            "https://ik.imagekit.io/your_imagekit_id/images/products/file.jpg?updatedAt=1566630881313"
        )
    );
    assert_eq!(
        file.created_at.map(|t| t.timestamp_millis()),
        Some(1_566_627_281_313)
    );
    assert_eq!(file.metadata().http_status_code(), 200);
    let raw: serde_json::Value = serde_json::from_slice(file.metadata().raw()).unwrap();
    assert_eq!(raw, example("FileDetails"));
}

#[tokio::test]
async fn update_file_details_patches_only_the_fields_set_and_returns_the_file() {
    let h = Harness::start().await;
    h.expect(
        api("PATCH", "/v1/files/598821f949c0a938d57563bd/details").and(body_json(json!({
            "tags": ["tag1", "tag2"],
            "customCoordinates": "10,10,100,100",
            "removeAITags": ["car", "vehicle"],
            "webhookUrl": "https://example.com/webhooks/imagekit",
            "extensions": [{"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 10}],
            "customMetadata": {"brand": "Nike", "price": 11},
            "description": "Red running shoe, side view",
        }))),
        json(200, example("FileDetails")),
    )
    .await;

    let auto_tagging: Extension = Extension::builder()
        .name("google-auto-tagging")
        .min_confidence(Some(80))
        .max_tags(Some(10))
        .try_into()
        .unwrap();
    let changes = UpdateFileDetails::new()
        .tags(["tag1", "tag2"])
        .custom_coordinates("10,10,100,100")
        .remove_ai_tags(["car", "vehicle"])
        .webhook_url("https://example.com/webhooks/imagekit")
        .extensions([auto_tagging])
        .custom_metadata_field("brand", "Nike")
        .custom_metadata_field("price", 11)
        .description("Red running shoe, side view");
    let file = h
        .succeeds(h.ik.update_file_details(FILE_ID, &changes))
        .await;

    assert_eq!(file.file_id.as_deref(), Some(FILE_ID));
    assert_eq!(
        file.custom_metadata.as_ref().unwrap()["brand"],
        json!("Nike")
    );
}

#[tokio::test]
async fn update_file_details_sends_explicit_nulls_to_clear_tags_and_coordinates_and_all_to_remove_every_ai_tag()
 {
    let h = Harness::start().await;
    let mut cleared = example("FileDetails");
    cleared["tags"] = json!(null);
    cleared["AITags"] = json!(null);
    h.expect(
        api("PATCH", "/v1/files/598821f949c0a938d57563bd/details").and(body_json(json!({
            "tags": null,
            "customCoordinates": null,
            "removeAITags": "all",
        }))),
        json(200, cleared),
    )
    .await;

    let changes = UpdateFileDetails::new()
        .clear_tags()
        .clear_custom_coordinates()
        .remove_all_ai_tags();
    let file = h
        .succeeds(h.ik.update_file_details(FILE_ID, &changes))
        .await;

    assert_eq!(file.tags, None);
    assert_eq!(file.custom_coordinates, None);
    assert!(file.ai_tags.is_none());
}

#[tokio::test]
async fn update_file_details_sends_the_publication_status_alone() {
    let h = Harness::start().await;
    let mut unpublished = example("FileDetails");
    unpublished["isPublished"] = json!(false);
    h.expect(
        api("PATCH", "/v1/files/598821f949c0a938d57563bd/details")
            .and(body_json(json!({"publish": {"isPublished": false}}))),
        json(200, unpublished),
    )
    .await;

    let changes = UpdateFileDetails::new().is_published(false);
    let file = h
        .succeeds(h.ik.update_file_details(FILE_ID, &changes))
        .await;

    assert_eq!(file.is_published, Some(false));
}

#[tokio::test]
async fn update_file_details_can_publish_every_version_of_a_file() {
    let h = Harness::start().await;
    h.expect(
        api("PATCH", "/v1/files/598821f949c0a938d57563bd/details").and(body_json(
            json!({"publish": {"isPublished": true, "includeFileVersions": true}}),
        )),
        json(200, example("FileDetails")),
    )
    .await;

    let changes = UpdateFileDetails::new().publish(true, Some(true));
    h.succeeds(h.ik.update_file_details(FILE_ID, &changes))
        .await;
}

#[tokio::test]
async fn delete_file_deletes_by_id_and_accepts_no_content() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/files/598821f949c0a938d57563bd"),
        no_content(),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_file(FILE_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
    assert!(deleted.metadata().raw().is_empty());
}

#[tokio::test]
async fn delete_file_answered_with_an_undeclared_200_and_a_body_still_succeeds() {
    let h = Harness::start().await;
    h.expect(
        api("DELETE", "/v1/files/598821f949c0a938d57563bd"),
        json(200, json!({})),
    )
    .await;

    let deleted = h.succeeds(h.ik.delete_file(FILE_ID)).await;

    assert_eq!(deleted.metadata().http_status_code(), 200);
    assert_eq!(deleted.metadata().raw(), b"{}");
}

#[tokio::test]
async fn bulk_file_delete_posts_the_file_ids_and_returns_the_deleted_ids() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/batch/deleteByFileIds")
            .and(body_json(json!({"fileIds": [FILE_ID, OTHER_FILE_ID]}))),
        json(
            200,
            json!({"successfullyDeletedFileIds": [FILE_ID, OTHER_FILE_ID]}),
        ),
    )
    .await;

    let result = h
        .succeeds(h.ik.bulk_file_delete([FILE_ID, OTHER_FILE_ID]))
        .await;

    assert_eq!(
        result.successfully_deleted_file_ids,
        [FILE_ID, OTHER_FILE_ID]
    );
    assert!(result.errors.is_empty());
}

#[tokio::test]
async fn copy_file_posts_source_destination_and_versions_flag() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/copy").and(body_json(json!({
            "sourceFilePath": "/path/to/file.jpg",
            "destinationPath": "/folder/to/copy/into/",
            "includeFileVersions": true,
        }))),
        no_content(),
    )
    .await;

    let options = CopyFileOptions::new().include_file_versions(true);
    let copied = h
        .succeeds(h.ik.copy_file("/path/to/file.jpg", "/folder/to/copy/into/", &options))
        .await;

    assert_eq!(copied.metadata().http_status_code(), 204);
}

#[tokio::test]
async fn copy_file_leaves_the_versions_flag_out_unless_set() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/copy").and(body_json(json!({
            "sourceFilePath": "/path/to/file.jpg",
            "destinationPath": "/folder/to/copy/into/",
        }))),
        no_content(),
    )
    .await;

    let defaults = CopyFileOptions::default();
    h.succeeds(h.ik.copy_file("/path/to/file.jpg", "/folder/to/copy/into/", &defaults))
        .await;
}

#[tokio::test]
async fn move_file_posts_source_and_destination() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/move").and(body_json(json!({
            "sourceFilePath": "/path/to/file.jpg",
            "destinationPath": "/folder/to/move/into/",
        }))),
        no_content(),
    )
    .await;

    let moved = h
        .succeeds(h.ik.move_file("/path/to/file.jpg", "/folder/to/move/into/"))
        .await;

    assert_eq!(moved.metadata().http_status_code(), 204);
}

#[tokio::test]
async fn rename_file_puts_path_new_name_and_purge_flag_and_returns_the_purge_request() {
    let h = Harness::start().await;
    h.expect(
        api("PUT", "/v1/files/rename").and(body_json(json!({
            "filePath": "/path/to/file.jpg",
            "newFileName": "newFileName.jpg",
            "purgeCache": true,
        }))),
        json(200, example("RenameFileResult")),
    )
    .await;

    let options = RenameFileOptions::new().purge_cache(true);
    let renamed = h
        .succeeds(h.ik.rename_file("/path/to/file.jpg", "newFileName.jpg", &options))
        .await;

    assert_eq!(
        renamed.purge_request_id.as_deref(),
        Some("598821f949c0a938d57563bd")
    );
}

#[tokio::test]
async fn rename_file_without_purge_accepts_imagekits_empty_json_answer() {
    let h = Harness::start().await;
    h.expect(
        api("PUT", "/v1/files/rename").and(body_json(json!({
            "filePath": "/path/to/file.jpg",
            "newFileName": "newFileName.jpg",
        }))),
        json(200, json!({})),
    )
    .await;

    let defaults = RenameFileOptions::default();
    let renamed = h
        .succeeds(h.ik.rename_file("/path/to/file.jpg", "newFileName.jpg", &defaults))
        .await;

    assert_eq!(renamed.purge_request_id, None);
}

#[tokio::test]
async fn add_tags_posts_file_ids_and_tags_and_returns_updated_ids() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/addTags").and(body_json(json!({
            "fileIds": [FILE_ID, OTHER_FILE_ID],
            "tags": ["t-shirt", "round-neck"],
        }))),
        json(
            200,
            json!({"successfullyUpdatedFileIds": [FILE_ID, OTHER_FILE_ID]}),
        ),
    )
    .await;

    let result = h
        .succeeds(h.ik.add_tags([FILE_ID, OTHER_FILE_ID], ["t-shirt", "round-neck"]))
        .await;

    assert_eq!(
        result.successfully_updated_file_ids,
        [FILE_ID, OTHER_FILE_ID]
    );
}

#[tokio::test]
async fn remove_tags_posts_file_ids_and_tags_and_returns_updated_ids() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/removeTags").and(body_json(json!({
            "fileIds": [FILE_ID],
            "tags": ["sale2019"],
        }))),
        json(200, example("BulkTagsResult")),
    )
    .await;

    let result = h.succeeds(h.ik.remove_tags([FILE_ID], ["sale2019"])).await;

    assert_eq!(result.successfully_updated_file_ids, [FILE_ID]);
}

#[tokio::test]
async fn remove_ai_tags_posts_file_ids_and_ai_tags_under_their_wire_name() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/removeAITags").and(body_json(json!({
            "fileIds": [FILE_ID],
            "AITags": ["Shirt", "Sleeve"],
        }))),
        json(200, example("BulkTagsResult")),
    )
    .await;

    let result = h
        .succeeds(h.ik.remove_ai_tags([FILE_ID], ["Shirt", "Sleeve"]))
        .await;

    assert_eq!(result.successfully_updated_file_ids, [FILE_ID]);
}

#[tokio::test]
async fn concurrent_calls_in_one_task_each_keep_their_own_exchange() {
    let h = Harness::start().await;
    let mut other = example("FileDetails");
    other["fileId"] = json!(OTHER_FILE_ID);
    other["name"] = json!("other.jpg");
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563bd/details"),
        json(200, example("FileDetails")).set_delay(std::time::Duration::from_millis(50)),
    )
    .await;
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563be/details"),
        json(200, other).insert_header("x-request-id", "other"),
    )
    .await;

    let (first, second) = futures::join!(
        h.ik.get_file_details(FILE_ID),
        h.ik.get_file_details(OTHER_FILE_ID)
    );
    h.verify().await;
    let (first, second) = (first.unwrap(), second.unwrap());

    assert_eq!(first.name.as_deref(), Some("file.jpg"));
    assert_eq!(second.name.as_deref(), Some("other.jpg"));
    assert!(String::from_utf8_lossy(first.metadata().raw()).contains("file.jpg"));
    assert!(String::from_utf8_lossy(second.metadata().raw()).contains("other.jpg"));
    assert!(first.metadata().headers().get("x-request-id").is_none());
    assert_eq!(second.metadata().headers()["x-request-id"], "other");
}

#[tokio::test]
async fn the_generated_client_from_api_sends_the_same_authentication() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files/598821f949c0a938d57563bd/details"),
        json(200, example("FileDetails")),
    )
    .await;

    let file = h.ik.api().get_file_details().file_id(FILE_ID).send().await;
    h.verify().await;

    assert_eq!(file.unwrap().into_inner().file_id.as_deref(), Some(FILE_ID));
}
