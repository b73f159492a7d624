//! `list_files`: filters, paging, sorting and the `searchQuery` subset.

use super::*;

async fn search(ik: &ImageKit, query: &str) -> Result<Vec<String>, Error> {
    let files = ik
        .list_files(&ListFilesOptions::new().search_query(query))
        .await?;
    Ok(names(&files))
}

#[tokio::test]
async fn search_query_combines_and_with_or_and_parentheses() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    upload(&ik, "red-dress.png", plain().tags(["sale"])).await?;
    upload(&ik, "red-shirt.png", plain()).await?;
    upload(&ik, "blue-dress.png", plain().tags(["sale"])).await?;

    let either = search(
        &ik,
        r#"name : "red-" AND tags IN ["sale"] OR name = "red-shirt.png""#,
    );
    assert_eq!(either.await?, ["red-dress.png", "red-shirt.png"]);
    let grouped = search(&ik, r#"name : "red-" AND (tags IN ["sale"] OR name = "x")"#);
    assert_eq!(grouped.await?, ["red-dress.png"]);
    Ok(())
}

#[tokio::test]
async fn search_query_compares_sizes_and_creation_dates() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    upload(&ik, "small.png", plain()).await?;

    assert_eq!(
        search(&ik, r#"size < "1kb" AND createdAt > "1h""#).await?,
        ["small.png"]
    );
    assert!(
        search(&ik, r#"size > "1kb" OR createdAt < "1d""#)
            .await?
            .is_empty()
    );
    assert_eq!(search(&ik, "createdAt >= 2020-01-01").await?, ["small.png"]);
    Ok(())
}

#[tokio::test]
async fn search_query_refuses_what_the_fake_does_not_support_naming_it() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let error = search(&fake.client(), r#""customMetadata.brand" = "Nike""#)
        .await
        .unwrap_err();

    let Error::BadRequest(e) = &error else {
        panic!("expected a 400, got {error:?}")
    };
    assert!(
        e.message().contains("`customMetadata.brand`"),
        "{}",
        e.message()
    );
    Ok(())
}

#[tokio::test]
async fn list_files_sorts_skips_and_limits() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    for name in ["b.png", "c.png", "a.png"] {
        upload(&ik, name, plain()).await?;
    }

    let default = ik.list_files(&ListFilesOptions::new()).await?;
    assert_eq!(names(&default), ["b.png", "c.png", "a.png"]);
    let page = ListFilesOptions::new()
        .sort(ListFilesSort::DescName)
        .skip(1)
        .limit(1);
    assert_eq!(names(&*ik.list_files(&page).await?), ["b.png"]);
    Ok(())
}

#[tokio::test]
async fn list_files_path_lists_the_folders_direct_content() -> Outcome {
    let fake = FakeImageKit::start().await?;
    let ik = fake.client();
    upload(&ik, "top.png", plain().folder("/a")).await?;
    upload(&ik, "deep.png", plain().folder("/a/b")).await?;

    let files = ik.list_files(&ListFilesOptions::new().path("/a/")).await?;
    assert_eq!(names(&files), ["top.png"]);
    let all = ListFilesOptions::new().path("/a").type_(ListFilesType::All);
    let entries = ik.list_files(&all).await?;
    let folder = entries
        .iter()
        .find(|e| e.type_.as_deref() == Some("folder"));
    assert_eq!(folder.and_then(|f| f.folder_path.as_deref()), Some("/a/b"));
    Ok(())
}
