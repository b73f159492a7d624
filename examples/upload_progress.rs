//! Uploads a file from disk with a textual progress bar.
//!
//! Runs offline: the upload host is an in-process mock server answering as ImageKit does.
//! Against ImageKit, build the client with `ImageKit::from_env()` instead.
//!
//! ```text
//! cargo run --example upload_progress
//! ```

use std::{
    io::Write as _,
    sync::atomic::{AtomicU64, Ordering},
    time::{Duration, Instant},
};

use imagekitio::{ImageKit, Progress, UploadOptions, UploadSource};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

const WIDTH: usize = 40;

/// The last whole percent drawn: redrawing on every 256 KiB piece would flood the terminal.
static DRAWN: AtomicU64 = AtomicU64::new(u64::MAX);

fn draw(progress: Progress) {
    let fraction = progress.fraction().unwrap_or(0.0);
    let percent = (fraction * 100.0) as u64;
    if DRAWN.swap(percent, Ordering::Relaxed) == percent {
        return;
    }
    let filled = (fraction * WIDTH as f64).round() as usize;
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let total = progress
        .total
        .map_or_else(|| "?".to_owned(), |t| format!("{:.1}", mib(t)));
    eprint!(
        "\r[{}{}] {:>5.1}%  {:.1} / {total} MiB",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        fraction * 100.0,
        mib(progress.sent),
    );
    let _ = std::io::stderr().flush();
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let upload_host = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/api/v1/files/upload"))
        .respond_with(
            ResponseTemplate::new(200)
                // Long enough for the bar to be seen moving, short enough to finish in seconds.
                .set_delay(Duration::from_millis(200))
                .set_body_json(serde_json::json!({
                    "fileId": "6673f88237b244ef54d60180",
                    "name": "holiday-video_x7Kd2.mp4",
                    "size": 24 * 1024 * 1024,
                    "versionInfo": {"id": "6673f88237b244ef54d60180", "name": "Version 1"},
                    "filePath": "/videos/holiday-video_x7Kd2.mp4",
                    "url": "https://ik.imagekit.io/your_imagekit_id/videos/holiday-video_x7Kd2.mp4",
                    "fileType": "non-image",
                    "AITags": null
                })),
        )
        .mount(&upload_host)
        .await;
    let ik = ImageKit::builder()
        .public_key("public_key")
        .private_key("private_key")
        .upload_base_url(upload_host.uri())
        .build()?;

    // A 24 MiB file to upload, standing in for a real video.
    let path = std::env::temp_dir().join(format!("imagekitio-progress-{}.mp4", std::process::id()));
    std::fs::write(&path, vec![0x42u8; 24 * 1024 * 1024])?;

    let started = Instant::now();
    let outcome = ik
        .upload_file(
            UploadSource::from_path(&path).await?,
            "holiday-video.mp4",
            UploadOptions::new()
                .folder("/videos")
                .tags(["holiday", "2024"])
                .on_progress(draw),
        )
        .await;
    std::fs::remove_file(&path)?;
    let file = outcome?;

    eprintln!();
    println!(
        "uploaded in {:.2?}: {} -> {}",
        started.elapsed(),
        file.file_id.as_deref().unwrap_or("?"),
        file.url.as_deref().unwrap_or("?"),
    );
    Ok(())
}
