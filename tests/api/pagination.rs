//! `list_files_stream`: every file, page by page over `skip`/`limit`.

use std::{pin::pin, time::Duration};

use crate::common::{Harness, api, error_body, example, json};
use futures::StreamExt;
use imagekitio::{Error, ListFilesOptions};
use serde_json::{Value, json};
use wiremock::{
    Mock,
    matchers::{method, path},
};

/// `count` files of the spec's example, numbered from `first`: ids `…0001`, names `shirt-1.jpg`.
fn files(first: usize, count: usize) -> Value {
    let files = (first..first + count)
        .map(|n| {
            let mut file = example("FileDetails");
            file["fileId"] = json!(format!("598821f949c0a938d575{n:04}"));
            file["name"] = json!(format!("shirt-{n}.jpg"));
            file["filePath"] = json!(format!("/products/shirt-{n}.jpg"));
            file
        })
        .collect();
    Value::Array(files)
}

async fn received(h: &Harness) -> usize {
    h.api.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn list_files_stream_walks_full_pages_and_stops_after_the_short_one() {
    let h = Harness::start().await;
    for (query, page) in [
        ("skip=0&limit=2", files(1, 2)),
        ("skip=2&limit=2", files(3, 2)),
        ("skip=4&limit=2", files(5, 1)),
    ] {
        h.expect(
            api("GET", &format!("/v1/files?path=/products&{query}")),
            json(200, page),
        )
        .await;
    }

    let stream =
        h.ik.list_files_stream(ListFilesOptions::new().path("/products").limit(2));
    let names: Vec<String> = stream
        .map(|file| file.unwrap().name.unwrap())
        .collect()
        .await;

    assert_eq!(
        names,
        [
            "shirt-1.jpg",
            "shirt-2.jpg",
            "shirt-3.jpg",
            "shirt-4.jpg",
            "shirt-5.jpg"
        ]
    );
    h.verify().await;
    assert_eq!(received(&h).await, 3);
}

#[tokio::test]
async fn list_files_stream_starts_at_the_given_skip() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?skip=10&limit=2"),
        json(200, files(11, 2)),
    )
    .await;
    h.expect(
        api("GET", "/v1/files?skip=12&limit=2"),
        json(200, json!([])),
    )
    .await;

    let stream =
        h.ik.list_files_stream(ListFilesOptions::new().skip(10).limit(2));
    let count = stream.map(Result::unwrap).count().await;

    assert_eq!(count, 2);
    h.verify().await;
}

#[tokio::test]
async fn list_files_stream_pages_by_imagekits_maximum_of_1000_by_default() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?skip=0&limit=1000"),
        json(200, files(1, 3)),
    )
    .await;

    let count =
        h.ik.list_files_stream(ListFilesOptions::new())
            .count()
            .await;

    assert_eq!(count, 3);
    h.verify().await;
}

#[tokio::test]
async fn list_files_stream_asks_for_the_next_page_only_when_the_previous_one_is_consumed() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?skip=0&limit=2"),
        json(200, files(1, 2)),
    )
    .await;

    let mut stream = pin!(h.ik.list_files_stream(ListFilesOptions::new().limit(2)));
    let first_two: Vec<_> = stream.by_ref().take(2).collect().await;

    assert_eq!(first_two.len(), 2);
    assert_eq!(received(&h).await, 1);
    h.verify().await;
}

#[tokio::test]
async fn list_files_stream_ends_with_the_error_of_a_failing_page_and_yields_nothing_after() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?skip=0&limit=2"),
        json(200, files(1, 2)),
    )
    .await;
    h.expect(
        api("GET", "/v1/files?skip=2&limit=2"),
        json(
            500,
            error_body("We have encountered an internal error. Please try again later."),
        ),
    )
    .await;

    let mut stream = pin!(h.ik.list_files_stream(ListFilesOptions::new().limit(2)));

    assert!(stream.next().await.unwrap().is_ok());
    assert!(stream.next().await.unwrap().is_ok());
    let error = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert!(stream.next().await.is_none());
    // Fused: polling past the end keeps answering None, without another request.
    assert!(stream.next().await.is_none());
    assert_eq!(received(&h).await, 2);
    h.verify().await;
}

#[tokio::test]
async fn list_files_stream_ends_after_a_page_that_repeats_the_previous_one() {
    let h = Harness::start().await;
    // A server that ignores `skip`: every page is the first one.
    Mock::given(method("GET"))
        .and(path("/v1/files"))
        .respond_with(json(200, files(1, 2)))
        .mount(&h.api)
        .await;

    let stream = h.ik.list_files_stream(ListFilesOptions::new().limit(2));
    let names = tokio::time::timeout(
        Duration::from_secs(10),
        stream
            .map(|file| file.unwrap().name.unwrap())
            .collect::<Vec<_>>(),
    )
    .await
    .expect("the stream ends instead of asking for the same page forever");

    assert_eq!(names, ["shirt-1.jpg", "shirt-2.jpg"]);
    assert_eq!(received(&h).await, 2);
}

#[tokio::test]
async fn list_files_stream_ends_when_skip_would_pass_its_largest_value() {
    let h = Harness::start().await;
    let last_start = u32::MAX - 1;
    h.expect(
        api("GET", &format!("/v1/files?skip={last_start}&limit=2")),
        json(200, files(1, 2)),
    )
    .await;

    let stream =
        h.ik.list_files_stream(ListFilesOptions::new().skip(last_start).limit(2));
    let count = stream.map(Result::unwrap).count().await;

    assert_eq!(count, 2);
    h.verify().await;
    assert_eq!(received(&h).await, 1);
}

/// Accepts only streams that can be polled where they are, without `pin!`.
fn unpinned<S: futures::Stream + Unpin>(stream: S) -> S {
    stream
}

#[tokio::test]
async fn list_files_stream_is_unpin_so_next_can_be_awaited_without_pinning() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?skip=0&limit=2"),
        json(200, files(1, 1)),
    )
    .await;

    let mut stream = unpinned(h.ik.list_files_stream(ListFilesOptions::new().limit(2)));

    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.name.as_deref(), Some("shirt-1.jpg"));
    assert!(stream.next().await.is_none());
    h.verify().await;
}
