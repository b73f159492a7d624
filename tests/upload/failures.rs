//! What an upload comes to when it is not a plain success: an accepted 202, refused input,
//! error answers, broken connections, sources that lie about their length, and stalls.

use std::{path::Path, time::Duration};

use imagekitio::{Error, ImageKit, UploadOptions, UploadSource};
use serde_json::json;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

use crate::{
    PRIVATE_KEY, assert_same_bytes, client, multipart::form_of, only_request, pattern, temp_file,
    upload_host,
};

#[tokio::test]
async fn a_202_is_ok_but_marked_accepted_with_imagekits_message() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_json(
            json!({"message": "The pre-transformation has been queued successfully."}),
        ))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let answer = ik
        .upload_file(
            pattern(4096),
            "clip.mp4",
            UploadOptions::new().pre_transformation("w-1280"),
        )
        .await
        .unwrap();

    assert!(answer.is_accepted());
    assert_eq!(answer.metadata().http_status_code(), 202);
    assert_eq!(
        answer.message.as_deref(),
        Some("The pre-transformation has been queued successfully.")
    );
    assert_eq!(answer.file_id, None);
}

#[tokio::test]
async fn a_missing_file_is_an_io_error_naming_the_path() {
    let err = UploadSource::from_path("tests/data/no-such-photo.jpg")
        .await
        .unwrap_err();

    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        path.as_deref(),
        Some(Path::new("tests/data/no-such-photo.jpg"))
    );
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert!(
        err.to_string().contains("tests/data/no-such-photo.jpg"),
        "{err}"
    );
}

#[tokio::test]
async fn a_directory_is_an_io_error_naming_the_path() {
    let err = UploadSource::from_path("tests/data").await.unwrap_err();

    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path.as_deref(), Some(Path::new("tests/data")));
    assert_eq!(source.kind(), std::io::ErrorKind::IsADirectory);
    assert!(err.to_string().contains("tests/data"), "{err}");
}

#[tokio::test]
async fn an_empty_file_name_is_refused_before_sending() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    for name in ["", "   "] {
        let err = ik
            .upload_file(b"GIF89a".as_slice(), name, UploadOptions::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert!(err.to_string().contains("file name is empty"), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_400_is_a_bad_request_with_imagekits_message_and_help() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "message": "A file with the same name already exists at the exact location. We could not overwrite it because both overwriteFile and useUniqueFileName are set to false.",
            "help": "For support kindly contact us at support@imagekit.io ."
        })))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(
            b"GIF89a".as_slice(),
            "a.gif",
            UploadOptions::new()
                .use_unique_file_name(false)
                .overwrite_file(false),
        )
        .await
        .unwrap_err();

    let Error::BadRequest(api) = &err else {
        panic!("{err:?}")
    };
    assert!(
        api.message()
            .starts_with("A file with the same name already exists")
    );
    assert_eq!(
        api.help(),
        Some("For support kindly contact us at support@imagekit.io .")
    );
    assert!(err.to_string().contains("overwriteFile"), "{err}");
}

#[tokio::test]
async fn a_413_from_a_proxy_is_an_error_with_its_status() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(413).set_body_raw(
            "<html><head><title>413 Request Entity Too Large</title></head></html>",
            "text/html",
        ))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(pattern(100_000), "big.jpg", UploadOptions::new())
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(413));
    assert!(err.to_string().contains("413"), "{err}");
    assert!(String::from_utf8_lossy(err.raw_body().unwrap()).contains("Too Large"));
}

#[tokio::test]
async fn a_connection_dropped_mid_upload_is_a_transport_error_never_a_success() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut total = 0;
        while total < 100 * 1024 {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
        // Closing with unread data resets the connection, as a crashed proxy would.
    });
    let ik = client(&address);
    let path = temp_file("dropped.bin", &pattern(16 * 1024 * 1024));

    let outcome = ik
        .upload_file(
            UploadSource::from_path(&path).await.unwrap(),
            "dropped.bin",
            UploadOptions::new(),
        )
        .await;

    std::fs::remove_file(&path).unwrap();
    let err = outcome.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(
        err.to_string().contains("the connection was lost after"),
        "{err}"
    );
    assert!(err.to_string().contains("of 16777216 bytes"), "{err}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_reader_shorter_than_announced_fails_the_upload() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = b"only eleven";

    let err = ik
        .upload_file(
            UploadSource::from_reader_with_length(data, 100),
            "short.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap_err();

    let Error::Io { path: None, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(source.kind(), std::io::ErrorKind::UnexpectedEof);
    assert!(
        err.to_string()
            .contains("ended after 11 of the announced 100 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn a_reader_longer_than_announced_fails_the_upload() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = b"more than five";

    let err = ik
        .upload_file(
            UploadSource::from_reader_with_length(data, 5),
            "long.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Io { path: None, .. }), "{err:?}");
    assert!(
        err.to_string().contains("more than the announced 5 bytes"),
        "{err}"
    );
}

/// An upload host that reads everything it is sent and never answers.
async fn silent_upload_host() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0u8; 64 * 1024];
        while let Ok(n) = socket.read(&mut buffer).await {
            if n == 0 {
                break;
            }
        }
    });
    address
}

#[tokio::test]
async fn a_server_that_never_answers_stalls_the_upload_after_the_clients_timeout() {
    let address = silent_upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(address)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let err = ik
        .upload_file(pattern(256 * 1024), "a.bin", UploadOptions::new())
        .await
        .unwrap_err();

    let Error::UploadStalled {
        sent,
        idle,
        attempts,
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(sent, 256 * 1024);
    assert_eq!(idle, Duration::from_millis(300));
    assert_eq!(
        attempts, 1,
        "a stalled upload may have reached ImageKit: not repeated"
    );
}

#[tokio::test]
async fn a_per_call_timeout_sets_the_stall_limit_of_an_upload() {
    let address = silent_upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(address)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let err = ik
        .with_timeout(Duration::from_millis(200))
        .upload_file(pattern(1024), "a.bin", UploadOptions::new())
        .await
        .unwrap_err();

    assert!(
        matches!(err, Error::UploadStalled { idle, .. } if idle == Duration::from_millis(200)),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_upload_slower_than_the_clients_timeout_still_succeeds_while_it_progresses() {
    let server = upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(server.uri())
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let (mut writer, reader) = tokio::io::duplex(1024);
    // 15 pieces 100 ms apart: 1.5 s in all, never more than 100 ms without progress.
    tokio::spawn(async move {
        for piece in pattern(15 * 1024).chunks(1024) {
            writer.write_all(piece).await.unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });

    let file = ik
        .upload_file(
            UploadSource::from_reader(reader),
            "slow.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap();

    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    assert_same_bytes(
        &form_of(&only_request(&server).await).get("file").data,
        &pattern(15 * 1024),
    );
}
