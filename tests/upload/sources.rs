//! Every kind of source: bytes, readers with and without a length, URLs and base64, and the
//! conversions into `UploadSource`.

use base64::Engine as _;
use imagekitio::{Error, UploadOptions, UploadResponseField, UploadSource};
use tokio::io::AsyncWriteExt;

use crate::{
    PIXEL, assert_same_bytes, client,
    fields::{assert_every_option_encoded, every_option},
    multipart::form_of,
    only_request, pattern, upload_host,
};

#[tokio::test]
async fn bytes_are_sent_as_a_binary_file_part_with_a_length() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data = pattern(200 * 1024);

    ik.upload_file(
        UploadSource::from_bytes(data.clone()),
        "photo.jpg",
        UploadOptions::new(),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(request.headers.contains_key("content-length"));
    let form = form_of(&request);
    let part = form.get("file");
    assert_eq!(part.filename.as_deref(), Some("photo.jpg"));
    assert_eq!(
        part.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_same_bytes(&part.data, &data);
}

#[tokio::test]
async fn a_reader_of_unknown_length_is_sent_whole_with_chunked_encoding() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data = pattern(300 * 1024);
    let (mut writer, reader) = tokio::io::duplex(8 * 1024);
    let producer = {
        let data = data.clone();
        tokio::spawn(async move {
            for chunk in data.chunks(10_000) {
                writer.write_all(chunk).await.unwrap();
            }
        })
    };

    ik.upload_file(
        UploadSource::from_reader(reader),
        "stream.bin",
        every_option(),
    )
    .await
    .unwrap();

    producer.await.unwrap();
    let request = only_request(&server).await;
    assert!(!request.headers.contains_key("content-length"));
    assert_eq!(request.headers["transfer-encoding"], "chunked");
    let form = form_of(&request);
    assert_every_option_encoded(&form);
    let part = form.get("file");
    assert_eq!(part.filename.as_deref(), Some("stream.bin"));
    assert_same_bytes(&part.data, &data);
}

#[tokio::test]
async fn a_reader_with_a_length_is_sent_with_a_content_length() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = include_bytes!("../data/upload_pixel.png");

    ik.upload_file(
        UploadSource::from_reader_with_length(data, data.len() as u64),
        "pixel.png",
        UploadOptions::new(),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(request.headers.contains_key("content-length"));
    assert_same_bytes(&form_of(&request).get("file").data, data);
}

#[tokio::test]
async fn a_url_is_sent_as_a_plain_value_for_imagekit_to_fetch() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let url = "https://file-examples.com/wp-content/uploads/2017/10/file_example_JPG_100kB.jpg";

    let file = ik
        .upload_file(
            UploadSource::from_url(url),
            "test-url.jpg",
            UploadOptions::new()
                .response_fields([
                    UploadResponseField::IsPrivateFile,
                    UploadResponseField::Tags,
                ])
                .tags(["tag1", "tag2"]),
        )
        .await
        .unwrap();

    assert_eq!(file.is_private_file, Some(false));
    let form = form_of(&only_request(&server).await);
    let part = form.get("file");
    assert_eq!(part.text(), url);
    assert_eq!(part.filename, None);
    assert_eq!(part.content_type, None);
    assert_eq!(form.text("responseFields"), "isPrivateFile,tags");
    assert_eq!(form.text("tags"), "tag1,tag2");
}

#[tokio::test]
async fn base64_is_sent_as_a_plain_value() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let text = base64::engine::general_purpose::STANDARD.encode(std::fs::read(PIXEL).unwrap());

    ik.upload_file(
        UploadSource::from_base64(text.clone()),
        "pixel.png",
        every_option(),
    )
    .await
    .unwrap();

    let form = form_of(&only_request(&server).await);
    assert_every_option_encoded(&form);
    let part = form.get("file");
    assert_eq!(part.text(), text);
    assert_eq!(part.filename, None);
}

#[tokio::test]
async fn vec_bytes_static_slices_and_urls_convert_into_sources() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let url = reqwest::Url::parse("https://www.example.com/path/to-image.jpg").unwrap();

    ik.upload_file(vec![1u8, 2, 3], "a", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(bytes::Bytes::from_static(b"456"), "b", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(b"789".as_slice(), "c", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(url, "d", UploadOptions::new())
        .await
        .unwrap();

    let files: Vec<Vec<u8>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| form_of(r).get("file").data.clone())
        .collect();
    assert_eq!(
        files,
        [
            b"\x01\x02\x03".to_vec(),
            b"456".to_vec(),
            b"789".to_vec(),
            b"https://www.example.com/path/to-image.jpg".to_vec()
        ]
    );
}

#[tokio::test]
async fn a_url_source_that_is_not_http_is_refused_before_sending() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    for bad in ["file:///etc/passwd", "not a url"] {
        let err = ik
            .upload_file(UploadSource::from_url(bad), "a.jpg", UploadOptions::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert!(err.to_string().contains(bad), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
