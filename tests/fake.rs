//! The behaviour of `imagekitio::testing::FakeImageKit`, specified through the public client:
//! every scenario runs the real `ImageKit` calls (retries, errors, decoding) against the fake.

use std::time::Duration;

use http::StatusCode;
use imagekitio::{
    CopyFileOptions, CopyFolderOptions, Error, ImageKit, ListFilesOptions, ListFilesSort,
    ListFilesType, RenameFileOptions, RenameFolderOptions, UpdateFileDetails, UploadOptions,
    UploadResponseField, UploadSource,
    api::types::{BulkDeleteFilesResult, BulkTagsResult, UploadedFile},
    testing::FakeImageKit,
};

// Scenarios of one family each, in this same test binary.
#[path = "fake/folders.rs"]
mod folders;
#[path = "fake/list.rs"]
mod list;
#[path = "fake/versions.rs"]
mod versions;

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// A 1x1 PNG with an alpha channel.
const PIXEL_PNG: &[u8] = include_bytes!("data/upload_pixel.png");

async fn upload(ik: &ImageKit, name: &str, options: UploadOptions) -> Result<UploadedFile, Error> {
    let answer = ik
        .upload_file(UploadSource::from_bytes(PIXEL_PNG), name, options)
        .await?;
    Ok(answer.into_inner())
}

/// Uploads under the exact name given.
fn plain() -> UploadOptions {
    UploadOptions::new().use_unique_file_name(false)
}

fn id(file: &UploadedFile) -> String {
    file.file_id.clone().unwrap_or_default()
}

fn names(files: &imagekitio::api::types::FileList) -> Vec<String> {
    files
        .iter()
        .map(|f| f.name.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn an_uploaded_file_is_listed_by_its_tag_and_others_are_not() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let tagged = upload(&ik, "a.png", plain().tags(["summer", "sale"])).await?;
    upload(&ik, "b.png", plain().tags(["winter"])).await?;

    let files = ik
        .list_files(&ListFilesOptions::new().tags(["sale", "other"]))
        .await?;

    assert_eq!(names(&files), ["a.png"]);
    assert_eq!(files[0].file_id, tagged.file_id);
    assert_eq!(
        files[0].tags.as_deref(),
        Some(&["summer".into(), "sale".into()][..])
    );
    Ok(())
}

#[tokio::test]
async fn an_upload_reports_size_type_dimensions_path_and_url() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let file = upload(&fake.client(), "pixel.png", plain().folder("/shop/items/")).await?;

    assert_eq!(file.size, Some(PIXEL_PNG.len() as f64));
    assert_eq!(file.file_type.as_deref(), Some("image"));
    assert_eq!((file.width, file.height), (Some(1.0), Some(1.0)));
    assert_eq!(file.file_path.as_deref(), Some("/shop/items/pixel.png"));
    let url = format!("{}/shop/items/pixel.png", fake.url_endpoint());
    assert_eq!(file.url.as_deref(), Some(url.as_str()));
    assert_eq!(
        file.version_info.as_ref().and_then(|v| v.id.clone()),
        file.file_id
    );
    // As ImageKit: tags appear in the upload's answer only when asked for.
    assert_eq!(file.tags, None);
    Ok(())
}

#[tokio::test]
async fn response_fields_add_tags_and_privacy_to_the_upload_answer() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let options = plain().tags(["t"]).is_private_file(true).response_fields([
        UploadResponseField::Tags,
        UploadResponseField::IsPrivateFile,
    ]);
    let file = upload(&fake.client(), "p.png", options).await?;

    assert_eq!(file.tags, Some(vec!["t".to_owned()]));
    assert_eq!(file.is_private_file, Some(true));
    Ok(())
}

#[tokio::test]
async fn unique_names_get_a_suffix_before_the_extension() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let first = upload(&ik, "my photo.png", UploadOptions::new()).await?;
    let second = upload(&ik, "my photo.png", UploadOptions::new()).await?;

    let name = first.name.clone().unwrap_or_default();
    assert!(
        name.starts_with("my_photo_") && name.ends_with(".png"),
        "{name}"
    );
    assert_eq!(name.len(), "my_photo_.png".len() + 9);
    assert_ne!(first.name, second.name);
    assert_ne!(first.file_id, second.file_id);
    Ok(())
}

#[tokio::test]
async fn bulk_delete_answers_207_naming_the_files_it_could_not_delete() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let kept = id(&upload(&ik, "kept.png", plain()).await?);
    let gone = id(&upload(&ik, "gone.png", plain()).await?);
    fake.fail_bulk_item(&kept, "The file is locked.");

    let error = ik.bulk_file_delete([&gone, &kept]).await.unwrap_err();

    let Error::PartialSuccess(partial) = &error else {
        panic!("expected a 207, got {error:?}")
    };
    let result: BulkDeleteFilesResult = partial.decode()?;
    assert_eq!(result.successfully_deleted_file_ids, [gone]);
    assert_eq!(result.errors[0].file_id.as_deref(), Some(kept.as_str()));
    assert_eq!(
        names(&*ik.list_files(&ListFilesOptions::new()).await?),
        ["kept.png"]
    );
    Ok(())
}

#[tokio::test]
async fn bulk_delete_with_an_unknown_id_answers_404_listing_it_and_deletes_nothing() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let known = id(&upload(&ik, "known.png", plain()).await?);
    let unknown = "0123456789abcdef01234567";

    let error = ik
        .bulk_file_delete([known.as_str(), unknown])
        .await
        .unwrap_err();

    let Error::NotFound(e) = &error else {
        panic!("expected a 404, got {error:?}")
    };
    let body: serde_json::Value = e.decode()?;
    assert_eq!(body["missingFileIds"], serde_json::json!([unknown]));
    assert_eq!(ik.list_files(&ListFilesOptions::new()).await?.len(), 1);
    Ok(())
}

#[tokio::test]
async fn bulk_delete_of_known_files_deletes_them_all() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let a = id(&upload(&ik, "a.png", plain()).await?);
    let b = id(&upload(&ik, "b.png", plain()).await?);

    let result = ik.bulk_file_delete([&a, &b]).await?;

    assert_eq!(result.successfully_deleted_file_ids, [a, b]);
    assert!(ik.list_files(&ListFilesOptions::new()).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn overwriting_a_file_creates_a_version_of_it() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let first = upload(&ik, "logo.png", plain()).await?;
    let gif = UploadSource::from_bytes(&b"GIF89a\x02\x00\x03\x00"[..]);
    let second = ik.upload_file(gif, "logo.png", plain()).await?;

    assert_eq!(second.file_id, first.file_id);
    let version = second.version_info.as_ref().and_then(|v| v.name.as_deref());
    assert_eq!(version, Some("Version 2"));
    let versions = ik.get_file_versions(&id(&first)).await?;
    assert_eq!(versions.len(), 2);
    let old_id = first.version_info.and_then(|v| v.id).unwrap_or_default();
    let old = ik.get_file_version_details(&id(&second), &old_id).await?;
    assert_eq!(old.type_.as_deref(), Some("file-version"));
    assert_eq!(old.mime.as_deref(), Some("image/png"));
    let current = ik.get_file_details(&id(&second)).await?;
    assert_eq!((current.width, current.height), (Some(2.0), Some(3.0)));
    Ok(())
}

#[tokio::test]
async fn overwrite_file_false_refuses_to_replace_an_existing_file() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    upload(&ik, "x.png", plain()).await?;

    let error = upload(&ik, "x.png", plain().overwrite_file(false))
        .await
        .unwrap_err();

    let Error::BadRequest(e) = &error else {
        panic!("expected a 400, got {error:?}")
    };
    assert!(e.message().contains("already exists"), "{}", e.message());
    Ok(())
}

#[tokio::test]
async fn update_with_null_clears_tags_and_custom_coordinates() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let file = id(&upload(
        &ik,
        "a.png",
        plain().tags(["x"]).custom_coordinates("1,2,3,4"),
    )
    .await?);

    let cleared = UpdateFileDetails::new()
        .clear_tags()
        .clear_custom_coordinates();
    let updated = ik.update_file_details(&file, &cleared).await?;

    assert_eq!(updated.tags, None);
    assert_eq!(updated.custom_coordinates, None);
    assert_eq!(
        fake.requests().last().and_then(|r| r.json()),
        Some(serde_json::json!({
            "tags": null, "customCoordinates": null
        }))
    );
    Ok(())
}

#[tokio::test]
async fn update_sets_fields_and_merges_custom_metadata() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let options = plain()
        .custom_metadata_field("brand", "Nike")
        .custom_metadata_field("size", 9);
    let file = id(&upload(&ik, "a.png", options).await?);

    let changes = UpdateFileDetails::new()
        .tags(["new"])
        .description("A pixel")
        .custom_metadata_field("size", serde_json::Value::Null)
        .custom_metadata_field("color", "red");
    let updated = ik.update_file_details(&file, &changes).await?;

    assert_eq!(updated.tags, Some(vec!["new".to_owned()]));
    assert_eq!(updated.description.as_deref(), Some("A pixel"));
    let metadata = serde_json::to_value(&updated.custom_metadata)?;
    assert_eq!(
        metadata,
        serde_json::json!({"brand": "Nike", "color": "red"})
    );
    Ok(())
}

#[tokio::test]
async fn tags_are_added_and_removed_in_bulk() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let a = id(&upload(&ik, "a.png", plain().tags(["keep", "drop"])).await?);
    let b = id(&upload(&ik, "b.png", plain()).await?);

    let added: BulkTagsResult = ik.add_tags([&a, &b], ["new"]).await?.into_inner();
    ik.remove_tags([&a], ["drop"]).await?;

    assert_eq!(added.successfully_updated_file_ids, [a.clone(), b.clone()]);
    let a_tags = ik.get_file_details(&a).await?.tags.clone();
    let b_tags = ik.get_file_details(&b).await?.tags.clone();
    assert_eq!(a_tags, Some(vec!["keep".to_owned(), "new".to_owned()]));
    assert_eq!(b_tags, Some(vec!["new".to_owned()]));
    Ok(())
}

#[tokio::test]
async fn removing_ai_tags_succeeds_for_files_the_fake_never_tagged() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let file = id(&upload(&ik, "a.png", plain()).await?);

    let result = ik.remove_ai_tags([&file], ["Shirt"]).await?;

    assert_eq!(
        result.successfully_updated_file_ids,
        std::slice::from_ref(&file)
    );
    assert!(ik.get_file_details(&file).await?.ai_tags.is_none());
    Ok(())
}

#[tokio::test]
async fn publication_is_changed_alone_and_refused_with_other_changes() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let file = id(&upload(&ik, "a.png", plain()).await?);

    let unpublished = ik
        .update_file_details(&file, &UpdateFileDetails::new().is_published(false))
        .await?;
    let mixed = UpdateFileDetails::new().is_published(true).description("x");
    let refused = ik.update_file_details(&file, &mixed).await.unwrap_err();

    assert_eq!(unpublished.is_published, Some(false));
    assert!(matches!(refused, Error::BadRequest(_)), "{refused:?}");
    Ok(())
}

#[tokio::test]
async fn fail_next_makes_a_retrying_client_succeed_after_its_retries() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake
        .client_builder()
        .max_retries(2)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .build()?;
    fake.fail_next(2, StatusCode::SERVICE_UNAVAILABLE);

    let files = ik.list_files(&ListFilesOptions::new()).await?;

    assert_eq!(files.metadata().attempts(), 3);
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status()).collect();
    assert_eq!(statuses, [503, 503, 200]);
    Ok(())
}

#[tokio::test]
async fn fail_next_makes_a_client_without_retries_fail_with_the_status() -> Outcome {
    let fake = FakeImageKit::start().await?;
    fake.fail_next(1, StatusCode::TOO_MANY_REQUESTS);

    let error = fake
        .client()
        .with_max_retries(0)
        .list_files(&ListFilesOptions::new())
        .await
        .unwrap_err();

    let Error::TooManyRequests(e) = &error else {
        panic!("expected a 429, got {error:?}")
    };
    assert!(e.rate_limit().is_some());
    assert_eq!(fake.requests().len(), 1);
    Ok(())
}

#[tokio::test]
async fn an_unsupported_call_answers_501_naming_it_and_is_not_retried() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let error = fake
        .client()
        .get_file_metadata("0123456789abcdef01234567")
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_IMPLEMENTED));
    let message = error
        .api_error()
        .map(|e| e.message().to_owned())
        .unwrap_or_default();
    assert!(
        message.contains("GET /v1/files/0123456789abcdef01234567/metadata"),
        "{message}"
    );
    assert_eq!(error.attempts(), 1);
    Ok(())
}

#[tokio::test]
async fn a_wrong_private_key_gets_401_and_changes_nothing() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let intruder = fake.client_builder().private_key("private_wrong").build()?;

    let error = intruder.create_folder("x", "/").await.unwrap_err();

    let Error::Unauthorized(e) = &error else {
        panic!("expected a 401, got {error:?}")
    };
    assert_eq!(e.message(), "Your account cannot be authenticated.");
    let folders = ListFilesOptions::new().type_(ListFilesType::Folder);
    assert!(fake.client().list_files(&folders).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn unknown_files_are_404_and_malformed_ids_400() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();

    let unknown = ik
        .get_file_details("0123456789abcdef01234567")
        .await
        .unwrap_err();
    let malformed = ik.get_file_details("not-an-id").await.unwrap_err();

    assert!(matches!(unknown, Error::NotFound(_)), "{unknown:?}");
    assert!(matches!(malformed, Error::BadRequest(_)), "{malformed:?}");
    Ok(())
}

#[tokio::test]
async fn a_deleted_file_is_gone() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let file = id(&upload(&ik, "a.png", plain()).await?);

    let deleted = ik.delete_file(&file).await?;

    assert_eq!(
        deleted.metadata().http_status_code(),
        StatusCode::NO_CONTENT
    );
    assert!(matches!(
        ik.get_file_details(&file).await,
        Err(Error::NotFound(_))
    ));
    Ok(())
}

#[tokio::test]
async fn files_are_copied_moved_and_renamed() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let original = id(&upload(&ik, "a.png", plain().folder("/src")).await?);

    ik.copy_file("/src/a.png", "/copies", &CopyFileOptions::new())
        .await?;
    ik.move_file("/src/a.png", "/moved/").await?;
    let renamed = ik
        .rename_file(
            "/moved/a.png",
            "b c.png",
            &RenameFileOptions::new().purge_cache(true),
        )
        .await?;

    let moved = ik.get_file_details(&original).await?;
    assert_eq!(moved.file_path.as_deref(), Some("/moved/b_c.png"));
    let status = ik
        .get_purge_file_cache_status(renamed.purge_request_id.as_deref().unwrap_or_default())
        .await?;
    assert_eq!(status.status.as_deref(), Some("Completed"));
    let copies = ik
        .list_files(&ListFilesOptions::new().path("/copies"))
        .await?;
    assert_eq!(names(&copies), ["a.png"]);
    assert_ne!(copies[0].file_id.as_deref(), Some(original.as_str()));
    let missing = ik.move_file("/src/a.png", "/x").await.unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
    Ok(())
}

#[tokio::test]
async fn folders_are_created_copied_moved_renamed_and_deleted() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    ik.create_folder("docs", "/work").await?;
    upload(&ik, "a.png", plain().folder("/work/docs")).await?;

    let copy = ik
        .copy_folder("/work/docs", "/backup", &CopyFolderOptions::new())
        .await?;
    let job = ik.get_bulk_job_status(&copy.job_id).await?;
    assert_eq!(job.status.as_deref(), Some("Completed"));
    assert_eq!(job.type_.as_deref(), Some("COPY_FOLDER"));
    ik.move_folder("/backup/docs", "/archive").await?;
    let rename = ik
        .rename_folder("/archive/docs", "old-docs", &RenameFolderOptions::new())
        .await?;
    assert_eq!(rename.metadata().http_status_code(), StatusCode::ACCEPTED);
    ik.delete_folder("/work").await?;

    let everything = ik
        .list_files(&ListFilesOptions::new().search_query("name : \"\""))
        .await?;
    let mut paths: Vec<_> = everything
        .iter()
        .map(|e| {
            e.file_path
                .clone()
                .or(e.folder_path.clone())
                .unwrap_or_default()
        })
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/archive",
            "/archive/old-docs",
            "/archive/old-docs/a.png",
            "/backup"
        ]
    );
    let missing = ik.delete_folder("/work").await.unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
    Ok(())
}

#[tokio::test]
async fn purged_urls_report_completed() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();

    let purge = ik
        .purge_file_cache(format!("{}/a.png", fake.url_endpoint()))
        .await?;
    let status = ik
        .get_purge_file_cache_status(purge.request_id.as_deref().unwrap_or_default())
        .await?;

    assert_eq!(status.status.as_deref(), Some("Completed"));
    let foreign = ik
        .purge_file_cache("https://example.com/a.png")
        .await
        .unwrap_err();
    assert!(matches!(foreign, Error::BadRequest(_)), "{foreign:?}");
    Ok(())
}

#[tokio::test]
async fn received_uploads_are_recorded_as_fields_without_the_key() -> Outcome {
    let fake = FakeImageKit::start().await?;
    upload(&fake.client(), "a.png", plain().tags(["x", "y"])).await?;

    let requests = fake.requests();
    let request = &requests[0];
    assert_eq!(request.path(), "/api/v1/files/upload");
    assert_eq!(request.form_field("fileName"), Some("a.png"));
    assert_eq!(request.form_field("tags"), Some("x,y"));
    assert_eq!(request.file_size(), Some(PIXEL_PNG.len() as u64));
    assert_eq!(request.headers()["authorization"], "<redacted>");
    assert!(!format!("{requests:?}").contains(fake.private_key()));
    Ok(())
}

#[tokio::test]
async fn a_client_side_upload_is_accepted_once_per_token() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let auth = ik.get_authentication_parameters(None, None);
    let client_side = || plain().authentication(auth.clone());

    ik.upload_file(UploadSource::from_bytes(PIXEL_PNG), "c.png", client_side())
        .await?;
    let replay = ik
        .upload_file(UploadSource::from_bytes(PIXEL_PNG), "d.png", client_side())
        .await
        .unwrap_err();

    assert!(matches!(replay, Error::BadRequest(_)), "{replay:?}");
    assert!(fake.requests()[0].headers().get("authorization").is_none());
    Ok(())
}

#[tokio::test]
async fn base64_and_v2_uploads_store_the_decoded_bytes() -> Outcome {
    use base64::Engine as _;
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let text = base64::engine::general_purpose::STANDARD.encode(PIXEL_PNG);

    let v1 = ik
        .upload_file(UploadSource::from_base64(text), "b.png", plain())
        .await?;
    let v2 = ik
        .upload_file_v2(UploadSource::from_bytes(PIXEL_PNG), "v2.png", plain())
        .await?;

    assert_eq!(v1.size, Some(PIXEL_PNG.len() as f64));
    assert_eq!(v2.file_path.as_deref(), Some("/v2.png"));
    let remote = UploadSource::from_url("https://example.com/a.png");
    let error = ik.upload_file(remote, "r.png", plain()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_IMPLEMENTED));
    Ok(())
}

#[tokio::test]
async fn a_dropped_fake_stops_answering() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client().with_max_retries(0);
    ik.create_folder("a", "/").await?;

    drop(fake);
    tokio::task::yield_now().await;

    let error = ik.create_folder("b", "/").await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    Ok(())
}

#[test]
fn the_readmes_testing_example_is_the_module_doctest_that_runs() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## Testing your code")
        .nth(1)
        .unwrap_or_default();
    let example = section.split("```rust\n").nth(1).unwrap_or_default();
    let example = example.split("```\n").next().unwrap_or_default();
    let module = include_str!("../src/testing/mod.rs");
    let doctest: Vec<&str> = module
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .filter(|l| !l.starts_with("# ") && *l != "#")
        .collect();
    let example: Vec<&str> = example.lines().collect();
    assert!(
        example.len() > 10,
        "no example found in the README's section"
    );
    let found = doctest
        .windows(example.len())
        .any(|w| w == example.as_slice());
    assert!(
        found,
        "the README's example differs from src/testing/mod.rs's doctest"
    );
}
