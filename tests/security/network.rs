//! Hostile networks, through the public API only: redirects are refused, answers are bounded,
//! an upload answered early is no success, and errors say their cause.

use std::time::Duration;

use imagekitio::{Error, ImageKit, UploadOptions, UploadSource};
use serde_json::json;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

use crate::{
    common::{FILE_ID, closed_port_url, example},
    ik,
};

fn client_for(server: &str) -> ImageKit {
    ImageKit::builder()
        .private_key("private_key")
        .url_endpoint("https://ik.imagekit.io/demo")
        .api_base_url(server)
        .upload_base_url(server)
        .max_retries(0)
        .build()
        .unwrap()
}

// --- Redirects --------------------------------------------------------------------------------

/// The API host redirects everything to `elsewhere`, which answers like ImageKit would.
async fn redirecting(code: u16) -> (MockServer, MockServer) {
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"fileId": "x"})))
        .mount(&elsewhere)
        .await;
    let api = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(code)
                .insert_header("location", format!("{}/v1/files", elsewhere.uri())),
        )
        .mount(&api)
        .await;
    (api, elsewhere)
}

fn assert_refused_redirect<T: std::fmt::Debug>(
    call: &str,
    code: u16,
    result: Result<T, Error>,
    elsewhere: &MockServer,
) {
    let Err(Error::Redirect(error)) = &result else {
        panic!("{call} after a {code}: {result:?}");
    };
    assert_eq!(error.status().as_u16(), code, "{call}");
    let target = format!("{}/v1/files", elsewhere.uri());
    assert_eq!(error.location(), Some(target.as_str()), "{call}");
    let message = result.unwrap_err().to_string();
    assert!(message.contains(&target), "{call}: {message}");
}

#[tokio::test]
async fn no_3xx_is_followed_for_a_write_a_delete_a_read_or_an_upload() {
    for code in [300, 301, 302, 303, 304, 305, 307, 308] {
        let (api, elsewhere) = redirecting(code).await;
        let ik = client_for(&api.uri());

        let created = ik.create_folder("new", "/").await;
        assert_refused_redirect("create_folder", code, created, &elsewhere);
        let deleted = ik.delete_file(FILE_ID).await;
        assert_refused_redirect("delete_file", code, deleted, &elsewhere);
        let read = ik.get_file_details(FILE_ID).await;
        assert_refused_redirect("get_file_details", code, read, &elsewhere);
        let uploaded = ik
            .upload_file(b"GIF89a".as_slice(), "a.gif", UploadOptions::new())
            .await;
        assert_refused_redirect("upload_file", code, uploaded, &elsewhere);

        let reached = elsewhere.received_requests().await.unwrap().len();
        assert_eq!(
            reached, 0,
            "a {code} sent {reached} requests to the other origin"
        );
    }
}

#[tokio::test]
async fn a_redirect_followed_by_a_user_supplied_client_is_no_success() {
    let (api, elsewhere) = redirecting(302).await;
    // Building a client of this crate first provides reqwest's TLS backend.
    let _ = ik();
    let following = reqwest::Client::builder().build().unwrap();
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(api.uri())
        .upload_base_url(api.uri())
        .http_client(following)
        .max_retries(0)
        .build()
        .unwrap();

    let uploaded = ik
        .upload_file(b"GIF89a".as_slice(), "a.gif", UploadOptions::new())
        .await;
    let Err(Error::Redirect(error)) = &uploaded else {
        panic!("{uploaded:?}");
    };
    assert!(
        error.message().contains(&elsewhere.uri()),
        "{}",
        error.message()
    );
    let read = ik.get_file_details(FILE_ID).await;
    assert!(matches!(read, Err(Error::Redirect(_))), "{read:?}");
}

// --- Answer size ------------------------------------------------------------------------------

#[tokio::test]
async fn an_answer_announced_larger_than_the_limit_is_refused_unread() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(vec![b' '; 2 * 1024 * 1024], "application/json"),
        )
        .mount(&server)
        .await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.uri())
        .max_response_size(1024 * 1024)
        .build()
        .unwrap();

    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    let Error::ResponseTooLarge {
        status,
        limit,
        announced,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        (status.as_u16(), *limit, *announced),
        (200, 1024 * 1024, Some(2 * 1024 * 1024))
    );
    assert!(error.to_string().contains("max_response_size"), "{error}");
    assert!(!error.is_retryable());
}

/// A server whose answer to every request is a chunked body that never ends.
async fn endless_answer(status: u16) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut head = [0u8; 4096];
                let _ = socket.read(&mut head).await;
                let start = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n\
                     transfer-encoding: chunked\r\n\r\n"
                );
                socket.write_all(start.as_bytes()).await?;
                let chunk = format!("10000\r\n{}\r\n", "a".repeat(0x10000));
                loop {
                    socket.write_all(chunk.as_bytes()).await?;
                }
                #[allow(unreachable_code)]
                Ok::<(), std::io::Error>(())
            });
        }
    });
    url
}

#[tokio::test]
async fn an_answer_that_never_ends_stops_at_the_limit() {
    for status in [200, 503] {
        let url = endless_answer(status).await;
        let ik = ImageKit::builder()
            .private_key("private_key")
            .api_base_url(&url)
            .max_response_size(4 * 1024 * 1024)
            .max_retries(0)
            .build()
            .unwrap();

        let error = ik.list_files(&Default::default()).await.unwrap_err();

        assert!(
            matches!(&error, Error::ResponseTooLarge { announced: None, status: s, .. } if s.as_u16() == status),
            "{error:?}"
        );
    }
}

/// A file as `list_files` returns it with everything filled in: tags, AI tags, custom
/// metadata, a description and a version.
fn fully_described_file(i: usize) -> serde_json::Value {
    let mut file = example("FileDetails");
    file["fileId"] = json!(format!("6673f88237b244ef54d6{i:04}"));
    file["tags"] = json!(
        (0..20)
            .map(|t| format!("campaign-2026-tag-{t}"))
            .collect::<Vec<_>>()
    );
    file["AITags"] = json!((0..10)
        .map(|t| json!({"name": format!("Label {t}"), "confidence": 91.5, "source": "google-auto-tagging"}))
        .collect::<Vec<_>>());
    file["customMetadata"] = json!(
        (0..10)
            .map(|f| (format!("field_{f}"), json!(format!("a value of field {f}"))))
            .collect::<serde_json::Map<_, _>>()
    );
    file["description"] = json!("A product photo on a white background, front view. ".repeat(8));
    file
}

#[tokio::test]
async fn the_default_limit_fits_a_page_of_a_thousand_files_with_full_metadata() {
    let page: Vec<_> = (0..1000).map(fully_described_file).collect();
    let body = serde_json::to_vec(&page).unwrap();
    // About 2.5 MB: the default limit (32 MiB) leaves more than ten times that room.
    assert!(body.len() * 10 < 32 * 1024 * 1024, "{}", body.len());
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&server)
        .await;

    let files = client_for(&server.uri())
        .list_files(&imagekitio::ListFilesOptions::new().limit(1000))
        .await
        .unwrap();

    assert_eq!(files.len(), 1000);
    assert_eq!(files.metadata().raw().len(), body.len());
}

#[tokio::test]
async fn errors_show_an_excerpt_of_a_large_body_and_keep_all_of_it() {
    let page = "<p>overloaded</p>".repeat(300_000); // about 5 MB
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_raw(page.clone(), "text/html"))
        .mount(&server)
        .await;

    let error = client_for(&server.uri())
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert_eq!(error.raw_body().map(<[u8]>::len), Some(page.len()));
    let (shown, debug) = (error.to_string(), format!("{error:?}"));
    assert!(
        shown.contains("<p>overloaded</p>") && shown.len() < 1024,
        "{}",
        shown.len()
    );
    assert!(debug.len() < 4096, "{}", debug.len());
}

#[tokio::test]
async fn a_decode_error_shows_an_excerpt_of_the_body_and_keeps_all_of_it() {
    let body = "not json ".repeat(500_000); // about 4.5 MB
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&server)
        .await;

    let error = client_for(&server.uri())
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(decode.raw().len(), body.len());
    assert!(
        error.to_string().len() < 2048,
        "{}",
        error.to_string().len()
    );
    assert!(format!("{error:?}").len() < 4096);
}

// --- Uploads answered early -------------------------------------------------------------------

/// An upload host that reads the first 256 KiB of a request, answers 200 with a file, and
/// reads nothing more.
async fn answering_early() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 64 * 1024];
                let mut seen = 0;
                while seen < 256 * 1024 {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen += n,
                    }
                }
                let body = json!({"fileId": "early", "name": "big.bin"}).to_string();
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn an_upload_answered_before_it_was_complete_is_no_success() {
    let ik = client_for(&answering_early().await);
    let size = 32 * 1024 * 1024;

    let result = ik
        .with_timeout(Duration::from_secs(10))
        .upload_file(
            UploadSource::from_bytes(vec![7u8; size]),
            "big.bin",
            UploadOptions::new(),
        )
        .await;

    let Err(Error::UploadIncomplete {
        sent,
        total,
        status,
        ..
    }) = &result
    else {
        panic!("{result:?}");
    };
    assert_eq!((*total, status.as_u16()), (size as u64, 200));
    assert!(*sent < *total, "{sent}");
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("before the upload was complete")
    );
}

// --- Errors that say their cause ------------------------------------------------------------

#[tokio::test]
async fn a_refused_connection_says_so_in_the_message() {
    let error = client_for(&closed_port_url())
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();
    let message = error.to_string().to_lowercase();
    assert!(message.contains("refused"), "{message}");
}

#[tokio::test]
async fn an_empty_404_points_at_the_base_url() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;

    let error = client_for(&server.uri())
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::NotFound(_)));
    assert!(error.to_string().contains("base URL"), "{error}");
}
