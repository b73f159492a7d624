//! Folder calls refused as ImageKit refuses them.

use super::*;

#[tokio::test]
async fn renaming_a_folder_onto_an_existing_one_is_a_conflict() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    ik.create_folder("a", "/").await?;
    ik.create_folder("b", "/").await?;

    let error = ik
        .rename_folder("/a", "b", &RenameFolderOptions::new())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Conflict(_)), "{error:?}");
    Ok(())
}

#[tokio::test]
async fn a_folder_cannot_be_moved_into_its_own_subfolder() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    ik.create_folder("child", "/parent").await?;

    let error = ik
        .move_folder("/parent", "/parent/child")
        .await
        .unwrap_err();

    let Error::BadRequest(e) = &error else {
        panic!("expected a 400, got {error:?}")
    };
    assert!(e.message().contains("child folder"), "{}", e.message());
    Ok(())
}

#[tokio::test]
async fn jobs_of_unknown_folders_and_unknown_jobs_are_404() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();

    let copy = ik
        .copy_folder("/nowhere", "/x", &CopyFolderOptions::new())
        .await
        .unwrap_err();
    let job = ik
        .get_bulk_job_status("0123456789abcdef01234567")
        .await
        .unwrap_err();

    assert!(matches!(copy, Error::NotFound(_)), "{copy:?}");
    assert!(matches!(job, Error::NotFound(_)), "{job:?}");
    Ok(())
}
