//! Benchmarks an upload of a large file from disk: throughput and peak memory of
//! `ik.upload_file(UploadSource::from_path(..), ..)` against a plain `reqwest` streaming
//! multipart upload of the same file, measured in the same run.
//!
//! ```text
//! cargo run --release --example upload_memory -- 1024       # file size in MiB (default 1024)
//! cargo run --release --example upload_memory -- 1024 5     # and rounds (default 3)
//! ```
//!
//! It creates a sparse temporary file (no disk space; it reads back as zeros, and the page
//! cache does not count as the process's resident memory), reads it once so that every round
//! reads it from the page cache, and serves a local upload sink on `127.0.0.1` that reads and
//! discards each body as it arrives (a mock server would keep the whole body in memory and
//! spoil the measure), keeping only its first and last bytes to count the `file` part's.
//!
//! Each round uploads the file once through each of three paths, in alternating order
//! (imagekitio, plain reqwest, reqwest 256 KiB in odd rounds, the reverse in even ones) so that
//! no path always runs first or last:
//! - **imagekitio**: `ik.upload_file(UploadSource::from_path(..), ..)` with a progress callback;
//! - **plain reqwest**: `reqwest::Client::new()` posting a form with one text field and
//!   `Part::stream_with_length(reqwest::Body::from(tokio::fs::File), len)`, the plainest
//!   streaming upload (`Body::from(File)` reads 4 KiB at a time, each a trip to tokio's
//!   blocking pool, which makes it several times slower than imagekitio);
//! - **reqwest 256 KiB**: the same form with the file read in 256 KiB pieces, the size imagekitio
//!   reads (`CHUNK` in `src/upload/body.rs`): a reference without a budget, which shows what
//!   imagekitio's own layer (progress, stall watchdog, length checks) costs on top of reqwest.
//!
//! For each path it prints the median and best throughput in MiB/s and the peak resident
//! memory of its rounds: before each upload it writes `5` to `/proc/self/clear_refs`, which
//! resets the process's peak (`VmHWM`) to its current resident size, and reads `VmHWM` from
//! `/proc/self/status` after it. The peak includes what the process holds anyway (the
//! runtime, the sink, memory the allocator kept from earlier rounds), so the resident size at
//! the start of each upload is printed beside it. Where `clear_refs` cannot be written (not
//! Linux, or a restricted `/proc`), each figure is the process's peak so far, and the report
//! says so. `/usr/bin/time -v` on the built example gives the peak of the whole process.
//!
//! Budgets, checked at the end; the example exits with status 1 and says which one broke:
//! - imagekitio's peak resident memory is under 32 MiB, whatever the file's size (it streams
//!   the file in 256 KiB pieces: memory must not grow with the file);
//! - imagekitio's median throughput is at least 0.9 times plain reqwest's median. The 10%
//!   margin is for noise: both paths write through the same loopback socket to the same sink
//!   on a machine of 2 cores that others share (builds, the scheduler placing the client, the
//!   sink and the file reads, CPU frequency), where one round of a path can be 20-30% off the
//!   next. The medians of 3 rounds of two paths doing the same work (imagekitio and reqwest
//!   256 KiB) came out 2-5% apart in most runs, and up to 13% with the machine's two cores
//!   loaded by other builds: 10% keeps ordinary noise from failing the run, while a real
//!   slowdown (smaller pieces, a copy per piece, a busy watchdog) costs far more. Near the
//!   line, run again on a quieter machine or with more rounds (`-- 1024 5`);
//! - the sink received exactly the file's size in the `file` part of every upload, and
//!   imagekitio's progress callback reported all of it sent.
//!
//! Throughput is checked here, in an example run by hand in release mode, never in a timed
//! test.

use std::{
    path::{Path, PathBuf},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use imagekitio::{ImageKit, UploadOptions, UploadSource};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::mpsc,
};

const MIB: u64 = 1024 * 1024;
/// imagekitio's budget of resident memory for an upload, whatever the file's size.
const PEAK_BUDGET: u64 = 32 * MIB;
/// imagekitio's median throughput must be at least this share of reqwest's (see above).
const THROUGHPUT_SHARE: f64 = 0.9;
/// Bytes of a body kept by the sink to find where the `file` part starts: the form fields and
/// the part headers come first, and are far shorter.
const HEAD_KEPT: usize = 64 * 1024;
/// Bytes of a body's end kept by the sink to check the closing boundary.
const TAIL_KEPT: usize = 256;
/// The size of the pieces imagekitio reads a file in (`CHUNK` in `src/upload/body.rs`).
const PIECE: usize = 256 * 1024;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What the sink saw of one request.
#[derive(Debug)]
struct Received {
    /// Bytes of the `file` part's content.
    file_bytes: u64,
}

/// Accepts connections and serves each request on them, sending what it saw to `seen`.
async fn sink(listener: TcpListener, seen: mpsc::UnboundedSender<Result<Received, String>>) {
    while let Ok((socket, _)) = listener.accept().await {
        let seen = seen.clone();
        tokio::spawn(async move {
            if let Err(e) = serve_connection(socket, &seen).await {
                let _ = seen.send(Err(e.to_string()));
            }
        });
    }
}

/// Serves the requests of one (keep-alive) connection until the client closes it.
async fn serve_connection(
    mut socket: TcpStream,
    seen: &mpsc::UnboundedSender<Result<Received, String>>,
) -> Result<(), BoxError> {
    let mut buffer = vec![0u8; 256 * 1024];
    // Bytes read past the end of the previous request (none: clients wait for the answer).
    let mut head = Vec::new();
    loop {
        // The request's head.
        let (content_length, boundary, mut body_start) = loop {
            if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                let text = String::from_utf8_lossy(&head[..end]).into_owned();
                let header = |name: &str| {
                    text.lines().find_map(|line| {
                        let (key, value) = line.split_once(':')?;
                        key.trim()
                            .eq_ignore_ascii_case(name)
                            .then(|| value.trim().to_owned())
                    })
                };
                let length = header("content-length")
                    .and_then(|v| v.parse::<u64>().ok())
                    .ok_or("the sink needs a Content-Length")?;
                let boundary = header("content-type")
                    .and_then(|v| v.split_once("boundary=").map(|(_, b)| b.to_owned()))
                    .ok_or("the sink needs a multipart/form-data body")?;
                break (length, boundary, head.split_off(end + 4));
            }
            let n = socket.read(&mut buffer).await?;
            if n == 0 {
                if head.is_empty() {
                    return Ok(()); // closed between requests
                }
                return Err("the connection closed inside a request's head".into());
            }
            head.extend_from_slice(&buffer[..n]);
        };
        head.clear();

        // The body, discarded as it arrives but for its first and last bytes.
        let mut body_seen = 0u64;
        let mut first = Vec::with_capacity(HEAD_KEPT);
        let mut tail = Vec::with_capacity(2 * TAIL_KEPT);
        let mut take = |bytes: &[u8], body_seen: &mut u64| {
            *body_seen += bytes.len() as u64;
            let room = HEAD_KEPT - first.len();
            first.extend_from_slice(&bytes[..room.min(bytes.len())]);
            let from = bytes.len().saturating_sub(TAIL_KEPT);
            tail.extend_from_slice(&bytes[from..]);
            if tail.len() > TAIL_KEPT {
                tail.drain(..tail.len() - TAIL_KEPT);
            }
        };
        let extra = body_start.len().saturating_sub(content_length as usize);
        if extra > 0 {
            head = body_start.split_off(body_start.len() - extra);
        }
        take(&body_start, &mut body_seen);
        body_start.clear();
        while body_seen < content_length {
            let want = usize::try_from(content_length - body_seen)
                .unwrap_or(usize::MAX)
                .min(buffer.len());
            let n = socket.read(&mut buffer[..want]).await?;
            if n == 0 {
                return Err(format!(
                    "the connection closed after {body_seen} of {content_length} body bytes"
                )
                .into());
            }
            take(&buffer[..n], &mut body_seen);
        }

        // Told before answering, so that it is there when the client has the answer.
        let _ = seen.send(file_part_length(&first, &tail, body_seen, &boundary));

        let body = serde_json::json!({
            "fileId": "6673f88237b244ef54d60180",
            "name": "large_x7Kd2.bin",
            "filePath": "/large_x7Kd2.bin",
            "url": "https://ik.imagekit.io/your_imagekit_id/large_x7Kd2.bin",
            "fileType": "non-image",
        })
        .to_string();
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(answer.as_bytes()).await?;
    }
}

/// The length of the `file` part's content, from the body's first bytes (the fields and the
/// part headers), its last ones (the closing boundary) and its length: the `file` part must be
/// the last one.
fn file_part_length(
    first: &[u8],
    tail: &[u8],
    body_length: u64,
    boundary: &str,
) -> Result<Received, String> {
    let opening = format!("--{boundary}\r\n");
    let closing = format!("\r\n--{boundary}--\r\n");
    let find = |haystack: &[u8], needle: &[u8], from: usize| {
        haystack
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|at| at + from)
    };
    let mut at = 0;
    let mut start = None;
    while let Some(part) = find(first, opening.as_bytes(), at) {
        let headers_end = find(first, b"\r\n\r\n", part).ok_or("a part's headers are cut")?;
        let headers = String::from_utf8_lossy(&first[part..headers_end]);
        if headers.contains("name=\"file\"") {
            start = Some(headers_end + 4);
            break;
        }
        at = headers_end;
    }
    let start = start.ok_or("no `file` part in the body's first bytes")?;
    if find(first, format!("\r\n--{boundary}").as_bytes(), start).is_some() {
        return Err("the `file` part is not the last one".into());
    }
    if !tail.ends_with(closing.as_bytes()) {
        return Err("the body does not end with the closing boundary".into());
    }
    Ok(Received {
        file_bytes: body_length - start as u64 - closing.len() as u64,
    })
}

/// Resets the process's peak resident memory (`VmHWM`) to its current resident size.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A `VmRSS`/`VmHWM` line of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// Which way a round uploads the file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Uploader {
    ImageKit,
    Reqwest,
    /// reqwest with the file read in pieces of imagekitio's size: a reference only.
    ReqwestPieces,
}

impl Uploader {
    const ALL: [Uploader; 3] = [
        Uploader::ImageKit,
        Uploader::Reqwest,
        Uploader::ReqwestPieces,
    ];

    fn name(self) -> &'static str {
        match self {
            Uploader::ImageKit => "imagekitio",
            Uploader::Reqwest => "plain reqwest",
            Uploader::ReqwestPieces => "reqwest 256 KiB",
        }
    }
}

/// The rounds of one path.
#[derive(Default)]
struct Phase {
    times: Vec<Duration>,
    peak: u64,
    start_rss: Vec<u64>,
}

impl Phase {
    fn throughputs(&self, size: u64) -> Vec<f64> {
        let mut all: Vec<f64> = self
            .times
            .iter()
            .map(|t| size as f64 / MIB as f64 / t.as_secs_f64())
            .collect();
        all.sort_by(f64::total_cmp);
        all
    }

    fn median(&self, size: u64) -> f64 {
        let all = self.throughputs(size);
        let middle = all.len() / 2;
        if all.len() % 2 == 1 {
            all[middle]
        } else {
            (all[middle - 1] + all[middle]) / 2.0
        }
    }

    fn best(&self, size: u64) -> f64 {
        self.throughputs(size).last().copied().unwrap_or(0.0)
    }
}

/// The file through imagekitio; returns the bytes its progress callback reported sent.
async fn upload_imagekit(ik: &ImageKit, path: &Path) -> Result<u64, BoxError> {
    let sent = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&sent);
    let file = ik
        .upload_file(
            UploadSource::from_path(path).await?,
            "large.bin",
            UploadOptions::new().on_progress(move |p| counter.store(p.sent, Ordering::Relaxed)),
        )
        .await?;
    if file.file_id.is_none() {
        return Err("the answer has no fileId".into());
    }
    Ok(sent.load(Ordering::Relaxed))
}

/// The file through a plain reqwest streaming multipart upload: `Body::from(tokio::fs::File)`,
/// or with `pieces`, a stream of reads of [`PIECE`] bytes.
async fn upload_reqwest(
    client: &reqwest::Client,
    url: &str,
    path: &Path,
    pieces: bool,
) -> Result<(), BoxError> {
    let file = tokio::fs::File::open(path).await?;
    let length = file.metadata().await?.len();
    let body = if pieces {
        reqwest::Body::wrap_stream(futures::stream::try_unfold(file, |mut file| async move {
            let mut piece = bytes::BytesMut::with_capacity(PIECE);
            let read = file.read_buf(&mut piece).await?;
            Ok::<_, std::io::Error>((read > 0).then(|| (piece.freeze(), file)))
        }))
    } else {
        reqwest::Body::from(file)
    };
    let part = reqwest::multipart::Part::stream_with_length(body, length)
        .file_name("large.bin")
        .mime_str("application/octet-stream")?;
    let form = reqwest::multipart::Form::new()
        .text("fileName", "large.bin")
        .part("file", part);
    let answer = client
        .post(url)
        .multipart(form)
        .send()
        .await?
        .error_for_status()?;
    answer.bytes().await?;
    Ok(())
}

/// Removes the temporary file however the run ends.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let size_mib: u64 = args.next().map_or(Ok(1024), |a| a.parse())?;
    let rounds: usize = args.next().map_or(Ok(3), |a| a.parse())?;
    if rounds == 0 {
        return Err("at least one round".into());
    }
    let size = size_mib * MIB;

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (seen_tx, mut seen) = mpsc::unbounded_channel();
    tokio::spawn(sink(listener, seen_tx));

    let file = TempFile(
        std::env::temp_dir().join(format!("imagekitio-memory-{}.bin", std::process::id())),
    );
    std::fs::File::create(&file.0)?.set_len(size)?;
    // Read once, so that every round reads it from the page cache: the first read of a hole
    // fills the cache with zeroed pages, and would slow down whichever round comes first.
    std::io::copy(&mut std::fs::File::open(&file.0)?, &mut std::io::sink())?;

    let ik = ImageKit::builder()
        .private_key("private_key")
        .upload_base_url(format!("http://{address}"))
        .build()?;
    // This crate's reqwest has TLS without a crypto provider of its own (`rustls-no-provider`,
    // imagekitio hands one to its own client), so `reqwest::Client::new()` needs one installed
    // process-wide; no TLS is used here (the sink is plain http on loopback).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let plain_url = format!("http://{address}/api/v1/files/upload");

    let peak_resets = reset_peak();
    let mut phases: [Phase; 3] = Default::default();
    let mut failures = Vec::new();
    println!(
        "uploading a {size_mib} MiB file {rounds} times through each path to http://{address}"
    );
    for round in 0..rounds {
        let mut order = Uploader::ALL;
        if round % 2 == 1 {
            order.reverse();
        }
        for path in order {
            reset_peak();
            let start_rss = status_bytes("VmRSS:").unwrap_or(0);
            let started = Instant::now();
            let outcome = match path {
                Uploader::ImageKit => upload_imagekit(&ik, &file.0).await.map(Some),
                Uploader::Reqwest | Uploader::ReqwestPieces => {
                    let pieces = path == Uploader::ReqwestPieces;
                    upload_reqwest(&client, &plain_url, &file.0, pieces)
                        .await
                        .map(|()| None)
                }
            };
            let elapsed = started.elapsed();
            let peak = status_bytes("VmHWM:").unwrap_or(0);
            let name = path.name();
            let sent = outcome.map_err(|e| format!("{name}: the upload failed: {e}"))?;
            let received = tokio::time::timeout(Duration::from_secs(5), seen.recv())
                .await
                .ok()
                .flatten()
                .ok_or_else(|| format!("{name}: the sink reported nothing"))?
                .map_err(|e| format!("{name}: the sink: {e}"))?;
            if received.file_bytes != size {
                failures.push(format!(
                    "{name}: the sink received {} bytes of the file, expected {size}",
                    received.file_bytes
                ));
            }
            if let Some(sent) = sent
                && sent != size
            {
                failures.push(format!(
                    "{name}: progress reported {sent} bytes sent, expected {size}"
                ));
            }
            println!(
                "round {}/{rounds} {name:>14}: {:.2?}, {:7.1} MiB/s, peak {:5.1} MiB resident (at start {:5.1} MiB), sink got {} bytes",
                round + 1,
                elapsed,
                size as f64 / MIB as f64 / elapsed.as_secs_f64(),
                peak as f64 / MIB as f64,
                start_rss as f64 / MIB as f64,
                received.file_bytes,
            );
            let phase = &mut phases[path as usize];
            phase.times.push(elapsed);
            phase.peak = phase.peak.max(peak);
            phase.start_rss.push(start_rss);
        }
    }

    println!();
    if !peak_resets {
        println!(
            "note: /proc/self/clear_refs cannot be written: each peak is the process's peak so \
             far (both paths, the sink and earlier rounds), not that of its own uploads"
        );
    }
    for path in Uploader::ALL {
        let phase = &phases[path as usize];
        println!(
            "{:>14}: median {:7.1} MiB/s, best {:7.1} MiB/s, peak {:5.1} MiB resident (at start {:.1}-{:.1} MiB)",
            path.name(),
            phase.median(size),
            phase.best(size),
            phase.peak as f64 / MIB as f64,
            phase.start_rss.iter().min().copied().unwrap_or(0) as f64 / MIB as f64,
            phase.start_rss.iter().max().copied().unwrap_or(0) as f64 / MIB as f64,
        );
    }
    let ours = &phases[Uploader::ImageKit as usize];
    let plain = &phases[Uploader::Reqwest as usize];
    let reference = &phases[Uploader::ReqwestPieces as usize];
    let ratio = ours.median(size) / plain.median(size);
    println!(
        "imagekitio / plain reqwest median throughput: {ratio:.3} (budget >= {THROUGHPUT_SHARE}); \
         imagekitio / reqwest 256 KiB: {:.3} (a reference, no budget); imagekitio peak budget < {} MiB",
        ours.median(size) / reference.median(size),
        PEAK_BUDGET / MIB
    );
    if ours.peak >= PEAK_BUDGET {
        failures.push(format!(
            "imagekitio: peak resident memory {:.1} MiB, over the budget of {} MiB",
            ours.peak as f64 / MIB as f64,
            PEAK_BUDGET / MIB
        ));
    }
    if ratio < THROUGHPUT_SHARE {
        failures.push(format!(
            "imagekitio: median throughput {:.1} MiB/s is {:.0}% of plain reqwest's {:.1} MiB/s, \
             under the budget of {:.0}%",
            ours.median(size),
            ratio * 100.0,
            plain.median(size),
            THROUGHPUT_SHARE * 100.0
        ));
    }
    if failures.is_empty() {
        println!("budgets met");
        return Ok(());
    }
    for failure in &failures {
        eprintln!("BUDGET BROKEN: {failure}");
    }
    drop(file);
    std::process::exit(1);
}
