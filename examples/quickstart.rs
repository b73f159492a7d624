//! The quick-start story: URLs (plain, transformed, signed), then upload, list, details, tags
//! and delete.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! With `IMAGEKIT_PRIVATE_KEY` (and `IMAGEKIT_PUBLIC_KEY`, `IMAGEKIT_URL_ENDPOINT`) set it talks
//! to your ImageKit account and uploads, tags and deletes one small file. Without them it starts
//! `imagekitio::testing::FakeImageKit` (feature `testing`, which the crate's own examples have
//! through its dev-dependencies), an in-process fake of ImageKit that stores the file and
//! answers as ImageKit does, so it runs anywhere in seconds.

use imagekitio::{
    ImageKit, ListFilesOptions, Transformation, TransformationPosition, UploadOptions,
    UploadSource, UrlOptions, testing::FakeImageKit,
};
use serde_json::json;

/// A 1x1 transparent PNG, so the story uploads a real image.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the fake alive for the whole story when there is one: dropping it stops it.
    let (ik, _fake) = if std::env::var_os("IMAGEKIT_PRIVATE_KEY").is_some() {
        println!("Using your ImageKit account (IMAGEKIT_* variables are set).\n");
        (ImageKit::from_env()?, None)
    } else {
        let fake = FakeImageKit::start().await?;
        println!(
            "No IMAGEKIT_* variables: running against an in-process fake ImageKit at {}.\n",
            fake.base_url()
        );
        (fake.client(), Some(fake))
    };

    println!("== URLs (no network involved)");
    let plain = ik.url(&UrlOptions::path("/default-image.jpg"))?;
    println!("plain:       {plain}");

    let resize: Transformation = serde_json::from_value(json!([{ "height": 300, "width": 400 }]))?;
    let transformed = ik.url(&UrlOptions::path("/default-image.jpg").transformation(resize))?;
    println!("transformed: {transformed}");

    let chained: Transformation = serde_json::from_value(json!([
        { "height": 300, "width": 400 },
        { "rotation": 90 },
    ]))?;
    let in_query = ik.url(
        &UrlOptions::path("/default-image.jpg")
            .transformation(chained)
            .transformation_position(TransformationPosition::Query),
    )?;
    println!("chained:     {in_query}");

    let signed = ik.url(
        &UrlOptions::path("/private/invoice.jpg")
            .signed(true)
            .expire_seconds(300),
    )?;
    println!("signed:      {signed}\n");

    println!("== Upload");
    let options = UploadOptions::new()
        .folder("/quickstart")
        .tags(["quickstart", "rust"]);
    let uploaded = ik
        .upload_file(UploadSource::from_bytes(PIXEL_PNG), "pixel.png", options)
        .await?;
    let file_id = uploaded
        .file_id
        .clone()
        .ok_or("ImageKit's answer to the upload has no fileId")?;
    println!(
        "uploaded {} as {file_id} -> {} (HTTP {})\n",
        shown(&uploaded.name),
        shown(&uploaded.url),
        uploaded.metadata().http_status_code()
    );

    println!("== List, details, tags, delete");
    let files = ik
        .list_files(&ListFilesOptions::new().path("/quickstart").limit(10))
        .await?;
    for item in files.iter() {
        println!(
            "listed:  {} [{}]",
            shown(&item.file_path),
            item.tags.as_deref().unwrap_or_default().join(", ")
        );
    }
    let details = ik.get_file_details(&file_id).await?;
    println!(
        "details: {} {}x{} {} bytes",
        shown(&details.name),
        details.width.unwrap_or_default(),
        details.height.unwrap_or_default(),
        details.size.unwrap_or_default()
    );
    let tagged = ik.add_tags([file_id.as_str()], ["featured"]).await?;
    println!(
        "tagged:  {}",
        tagged.successfully_updated_file_ids.join(", ")
    );
    let deleted = ik.delete_file(&file_id).await?;
    println!(
        "deleted: {file_id} (HTTP {})",
        deleted.metadata().http_status_code()
    );
    Ok(())
}

/// A text field of an answer as a person reads it: the text, or `-` when ImageKit left it out.
fn shown(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}
