//! `transform!`: literal chains render at compile time (and in a `const`); other values are
//! checked at run time and come back as a `Result`.

use imagekitio::{ImageKit, Transformation, UrlOptions, transform};

const THUMB: Transformation = transform!(height = 300, width = 400; rotation = 90);

#[test]
fn literal_chain_renders_at_compile_time() {
    assert_eq!(THUMB.as_str(), "h-300,w-400:rt-90");
}

#[test]
fn flags_stand_alone() {
    assert_eq!(transform!(grayscale).as_str(), "e-grayscale");
    assert_eq!(
        transform!(width = 300, grayscale, sharpen).as_str(),
        "w-300,e-grayscale,e-sharpen"
    );
    assert_eq!(transform!(sharpen = 10).as_str(), "e-sharpen-10");
}

#[test]
fn raw_passes_through() {
    assert_eq!(
        transform!(raw = "l-text,i-Hi,l-end").as_str(),
        "l-text,i-Hi,l-end"
    );
}

#[test]
fn spellings_and_values() {
    assert_eq!(
        transform!(
            aspectRatio = "4-3",
            dpr = 2.5,
            quality = 80,
            format = "webp"
        )
        .as_str(),
        "ar-4-3,dpr-2.5,q-80,f-webp"
    );
    assert_eq!(transform!(rotate = "N45").as_str(), "rt-N45");
    assert_eq!(
        transform!(default_image = "/folder/img.jpg").as_str(),
        "di-folder@@img.jpg"
    );
    assert_eq!(
        transform!(streaming_resolutions = ["360", "720"]).as_str(),
        "sr-360_720"
    );
    assert_eq!(transform!(progressive = false, width = 1).as_str(), "w-1");
    assert_eq!(transform!(trim = true).as_str(), "t-true");
    assert_eq!(transform!(opacity = 0.8).as_str(), "o-0.8");
    assert_eq!(transform!(x = -10).as_str(), "x--10");
}

#[test]
fn runtime_values_are_checked() -> Result<(), imagekitio::Error> {
    let width = 400;
    let format = String::from("avif");
    let t = transform!(height = 300, width = width; rotation = 90, format = format.as_str())?;
    assert_eq!(t.as_str(), "h-300,w-400:rt-90,f-avif");
    let quality = 150;
    let err = transform!(quality = quality).unwrap_err();
    assert!(err.to_string().contains("1..=100"), "{err}");
    let crop = "fill";
    assert!(transform!(crop = crop).is_err());
    let text = "a,b";
    assert!(transform!(named = text).is_err());
    let on = false;
    assert_eq!(transform!(grayscale = on, width = 3)?.as_str(), "w-3");
    Ok(())
}

#[test]
fn usable_in_url_options() -> Result<(), imagekitio::Error> {
    let ik = ImageKit::new("public", "private", "https://ik.imagekit.io/demo")?;
    let url =
        ik.url(&UrlOptions::path("/a.jpg").transformation(transform!(width = 300, quality = 80)))?;
    assert_eq!(url, "https://ik.imagekit.io/demo/tr:w-300,q-80/a.jpg");
    Ok(())
}
