use imagekitio::{Error, ImageKit};
use wiremock::{matchers::*, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn smoke() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files/abc/details"))
        .and(header("authorization", "Basic cHJpdmF0ZV9rZXk6"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"fileId":"abc","name":"a.jpg","extra":1})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/files/html/details"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.uri())
        .build()
        .unwrap();
    let r = ik.get_file_details("abc").await.unwrap();
    assert_eq!(r.name.as_deref(), Some("a.jpg"));
    assert!(String::from_utf8_lossy(r.metadata().raw()).contains("extra"));
    let e = ik.get_file_details("html").await.unwrap_err();
    assert!(matches!(e, Error::InternalServer(_)), "{e:?}");
    println!("{e}");
}
