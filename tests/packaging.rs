//! What depending on the crate does to the rest of the process.

use imagekitio::ImageKit;

/// One test, so that no other test of this binary installs a provider first.
#[test]
fn building_a_client_leaves_the_process_wide_tls_provider_to_the_application() {
    let ik = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo").unwrap();
    assert!(ik.url_endpoint().is_some());
    assert!(
        rustls::crypto::CryptoProvider::get_default().is_none(),
        "building a client must not install a process-wide provider"
    );

    let installed =
        rustls::crypto::CryptoProvider::install_default(rustls::crypto::ring::default_provider());
    assert!(
        installed.is_ok(),
        "the application's own provider was refused"
    );
    ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")
        .expect("a client builds over the application's provider");
}
