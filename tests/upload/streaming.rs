//! The body leaves while the source is still being read, and progress reports every piece.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use imagekitio::{Progress, UploadOptions, UploadSource};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

use crate::{
    assert_same_bytes, client,
    multipart::{find, parse_multipart},
    pattern, temp_file, upload_host, uploaded_file_json,
};

/// A minimal HTTP/1.1 upload host over a raw socket: publishes how many bytes it has received
/// so far, reads one request with a `Content-Length`, answers an `UploadedFile`.
async fn counting_host() -> (
    String,
    tokio::sync::watch::Receiver<usize>,
    tokio::task::JoinHandle<Vec<u8>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let (received_tx, received_rx) = tokio::sync::watch::channel(0usize);
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = vec![0u8; 16 * 1024];
        loop {
            let n = socket.read(&mut buffer).await.unwrap();
            assert!(n > 0, "client closed before sending the whole request");
            request.extend_from_slice(&buffer[..n]);
            received_tx.send_replace(request.len());
            if let Some(end) = find(&request, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .expect("a content-length")
                    .parse()
                    .unwrap();
                if request.len() >= end + 4 + length {
                    break;
                }
            }
        }
        let body = uploaded_file_json().to_string();
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(answer.as_bytes()).await.unwrap();
        request
    });
    (address, received_rx, server)
}

fn split_request(raw: &[u8]) -> (String, Vec<u8>) {
    let end = find(raw, b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    (head, raw[end + 4..].to_vec())
}

fn content_type_of(head: &str) -> String {
    head.lines()
        .find_map(|l| {
            l.split_once(": ")
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.to_owned())
        })
        .unwrap()
}

#[tokio::test]
async fn the_body_is_streamed_while_a_slow_reader_is_still_producing() {
    const PIECE: usize = 16 * 1024;
    const PIECES: usize = 12;
    let (address, mut received, server) = counting_host().await;
    let ik = client(&address);
    let data = pattern(PIECE * PIECES);
    let (mut writer, reader) = tokio::io::duplex(PIECE);
    // Each piece is written only once the server holds the one before: a client that
    // buffered the body before sending would never let the server see it, and stall here.
    let producer = {
        let data = data.clone();
        tokio::spawn(async move {
            let mut streamed = true;
            for (k, piece) in data.chunks(PIECE).enumerate() {
                writer.write_all(piece).await.unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
                if streamed {
                    let seen = tokio::time::timeout(
                        Duration::from_secs(5),
                        received.wait_for(|&n| n >= (k + 1) * PIECE),
                    )
                    .await;
                    streamed = seen.is_ok();
                }
            }
            streamed
        })
    };
    let progress = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let seen = Arc::clone(&progress);
    let options = UploadOptions::new().on_progress(move |p| seen.lock().unwrap().push(p));

    let file = ik
        .upload_file(
            UploadSource::from_reader_with_length(reader, data.len() as u64),
            "slow.bin",
            options,
        )
        .await
        .unwrap();

    assert!(
        producer.await.unwrap(),
        "the server saw no body before the reader ended"
    );
    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    let (head, body) = split_request(&server.await.unwrap());
    let form = parse_multipart(&content_type_of(&head), &body);
    assert_same_bytes(&form.get("file").data, &data);
    let progress = progress.lock().unwrap();
    assert!(progress.len() >= PIECES, "{progress:?}");
    assert!(progress.windows(2).all(|w| w[0].sent < w[1].sent));
    assert!(progress.iter().all(|p| p.total == Some(data.len() as u64)));
    assert_eq!(progress.last().unwrap().sent, data.len() as u64);
}

#[tokio::test]
async fn progress_counts_every_piece_up_to_the_total() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let path = temp_file("progress.bin", &pattern(1024 * 1024));
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&progress);

    ik.upload_file(
        UploadSource::from_path(&path).await.unwrap(),
        "progress.bin",
        UploadOptions::new().on_progress(move |p: Progress| {
            seen.lock().unwrap().push((p.sent, p.total, p.fraction()))
        }),
    )
    .await
    .unwrap();

    std::fs::remove_file(&path).unwrap();
    let progress = progress.lock().unwrap();
    let total = Some(1024 * 1024);
    assert!(
        progress.len() >= 4,
        "one call per piece of at most 256 KiB: {progress:?}"
    );
    let mut before = 0;
    for &(sent, reported_total, fraction) in progress.iter() {
        assert!(sent > before && sent - before <= 256 * 1024, "{progress:?}");
        assert_eq!(reported_total, total);
        assert_eq!(fraction, Some(sent as f64 / (1024.0 * 1024.0)));
        before = sent;
    }
    assert_eq!(progress.last(), Some(&(1_048_576, total, Some(1.0))));
}

#[tokio::test]
async fn progress_of_a_reader_of_unknown_length_ends_with_its_total() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let last = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&last);
    let data: &'static [u8] = include_bytes!("../data/upload_pixel.png");

    ik.upload_file(
        UploadSource::from_reader(data),
        "pixel.png",
        UploadOptions::new().on_progress(move |p| *seen.lock().unwrap() = Some(p)),
    )
    .await
    .unwrap();

    let last = last.lock().unwrap().unwrap();
    assert_eq!(
        (last.sent, last.total),
        (data.len() as u64, Some(data.len() as u64))
    );
}
