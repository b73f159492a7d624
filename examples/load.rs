//! Measures one client under load: 1,000 clones of one `ImageKit` call `get_file_details` at
//! once against a local HTTP server, in 3 waves, and the whole again 4 times.
//! Budget: every call succeeds, connections stay near the calls in flight (not one per call),
//! and memory levels off with the connections instead of growing with the calls (under
//! 128 MiB resident for 1,000 concurrent calls, server included).
//!
//! ```text
//! cargo run --release --example load            # 1,000 tasks × 3 waves
//! cargo run --release --example load -- 5000 4  # 5,000 tasks × 4 waves
//! ```
//!
//! It prints calls, time, calls per second, connections opened, and the resident memory
//! (`VmRSS`, `VmHWM` from `/proc/self/status`, Linux only) at the start and after each run.
//! The local server (the same as the tests use) runs in this process, so its memory counts too.

#[path = "../tests/common/load.rs"]
mod load;
#[allow(dead_code)] // the tests use the rest of it
#[path = "../tests/common/raw_http.rs"]
mod raw_http;

use std::time::Instant;

use imagekitio::ImageKit;
use raw_http::{RawServer, Reply};

const FILE_ID: &str = "598821f949c0a938d57563bd";
/// The same workload again and again: memory may grow with the connections the pool keeps,
/// which level off, but not with the number of calls.
const RUNS: usize = 4;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let tasks: usize = args.next().map_or(Ok(1_000), |a| a.parse())?;
    let waves: usize = args.next().map_or(Ok(3), |a| a.parse())?;

    let details = Reply::json(
        200,
        &serde_json::json!({
            "fileId": FILE_ID,
            "type": "file",
            "name": "default-image.jpg",
            "filePath": "/default-image.jpg",
            "tags": ["summer", "sale"],
            "isPrivateFile": false,
            "url": "https://ik.imagekit.io/demo/default-image.jpg",
            "thumbnail": "https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/default-image.jpg",
            "fileType": "image",
            "mime": "image/jpeg",
            "width": 1000,
            "height": 1000,
            "size": 102400,
            "hasAlpha": false,
            "createdAt": "2026-10-01T08:00:00.000Z",
            "updatedAt": "2026-10-01T08:00:00.000Z",
        }),
    );
    let server = RawServer::start(move |_, _| details.clone()).await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.url())
        .build()?;

    println!("start: {}", memory());
    for run in 1..=RUNS {
        let started = Instant::now();
        let mut calls = 0;
        for _ in 0..waves {
            calls += load::wave(&ik, tasks, FILE_ID).await?.len();
        }
        let elapsed = started.elapsed();
        println!(
            "run {run}: {calls} calls in {:.2} s ({:.0} calls/s), {} connections opened so far; {}",
            elapsed.as_secs_f64(),
            calls as f64 / elapsed.as_secs_f64(),
            server.connections(),
            memory()
        );
    }
    Ok(())
}

/// Current and peak resident memory, from `/proc/self/status`.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or_else(
                || "?".to_owned(),
                |kb| format!("{:.1} MiB", kb as f64 / 1024.0),
            )
    };
    format!("rss {} (peak {})", field("VmRSS:"), field("VmHWM:"))
}
