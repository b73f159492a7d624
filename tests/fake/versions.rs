//! Versions: made by overwrites, listed, deleted and restored.

use super::*;

/// A file uploaded twice at the same path: its id, and the id of its first version.
async fn overwritten(ik: &ImageKit) -> Result<(String, String), Error> {
    let first = upload(ik, "v.png", plain().tags(["one"])).await?;
    upload(ik, "v.png", plain().tags(["two"])).await?;
    let version = first.version_info.and_then(|v| v.id).unwrap_or_default();
    Ok((first.file_id.unwrap_or_default(), version))
}

#[tokio::test]
async fn listing_type_file_version_shows_the_earlier_versions_only() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let (_, first_version) = overwritten(&ik).await?;

    let options = ListFilesOptions::new().type_(ListFilesType::FileVersion);
    let versions = ik.list_files(&options).await?;

    assert_eq!(versions.len(), 1);
    let listed = versions[0].version_info.as_ref().and_then(|v| v.id.clone());
    assert_eq!(listed, Some(first_version));
    assert_eq!(versions[0].tags, Some(vec!["one".to_owned()]));
    Ok(())
}

#[tokio::test]
async fn an_earlier_version_can_be_deleted_but_not_the_current_one() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let (file, first_version) = overwritten(&ik).await?;
    let current = ik.get_file_details(&file).await?;
    let current_version = current.version_info.as_ref().and_then(|v| v.id.clone());

    let refused = ik
        .delete_file_version(&file, current_version.as_deref().unwrap_or_default())
        .await
        .unwrap_err();
    ik.delete_file_version(&file, &first_version).await?;

    assert!(matches!(refused, Error::BadRequest(_)), "{refused:?}");
    assert_eq!(ik.get_file_versions(&file).await?.len(), 1);
    let gone = ik.get_file_version_details(&file, &first_version).await;
    assert!(matches!(gone, Err(Error::NotFound(_))), "{gone:?}");
    Ok(())
}

#[tokio::test]
async fn restoring_a_version_makes_its_content_current_as_a_new_version() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    let (file, first_version) = overwritten(&ik).await?;

    let restored = ik.restore_file_version(&file, &first_version).await?;

    assert_eq!(restored.tags, Some(vec!["one".to_owned()]));
    let name = restored
        .version_info
        .as_ref()
        .and_then(|v| v.name.as_deref());
    assert_eq!(name, Some("Version 3"));
    assert_eq!(ik.get_file_versions(&file).await?.len(), 3);
    Ok(())
}
