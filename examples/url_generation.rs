//! URL generation without any network access: `cargo run --example url_generation`.
//!
//! Builds a plain, a chained, a layered and a signed URL, and the parameters a browser needs
//! for a client-side upload.

use imagekitio::{ImageKit, Transformation, TransformationPosition, UrlOptions};
use serde_json::json;

/// Rendered once, at compile time; every URL built with it copies these bytes and nothing else.
const THUMBNAIL: Transformation = Transformation::from_static("w-200,h-200,c-at_max");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ik = ImageKit::new(
        "public_key",
        "private_key",
        "https://ik.imagekit.io/your_imagekit_id",
    )?;

    println!(
        "{}",
        ik.url(&UrlOptions::path("/default-image.jpg").transformation(THUMBNAIL))?
    );

    // The option objects of ImageKit's other SDKs, as JSON (from a config file, say).
    let banner: UrlOptions = serde_json::from_value(json!({
        "path": "/banner.jpg",
        "transformationPosition": "query",
        "transformation": [
            {"width": 1200, "aspectRatio": "16-9"},
            {"overlay": {
                "type": "text",
                "text": "Summer sale",
                "position": {"focus": "bottom"},
                "transformation": [{"fontSize": 48, "fontColor": "FFFFFF"}]
            }}
        ]
    }))?;
    println!("{}", ik.url(&banner)?);

    // A signed URL that stays the same until the top of the hour after next, so caches keep it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let private = UrlOptions::path("/private/report.pdf")
        .transformation_position(TransformationPosition::Query)
        .expire_at((now / 3600 + 2) * 3600);
    println!("{}", ik.url(&private)?);

    let auth = ik.get_authentication_parameters(None, None);
    println!("{}", serde_json::to_string(&auth)?);
    Ok(())
}
