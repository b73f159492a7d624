//! Measures an upload of a large file from disk: the process's memory must not grow with the
//! file's size (budget: under 64 MiB resident for a 1 GiB file).
//!
//! It creates a sparse temporary file (1024 MiB unless a size in MiB is given), serves a local
//! upload host that reads and discards the body (a mock server would keep the whole body in
//! memory and spoil the measure), uploads the file with `UploadSource::from_path`, and prints
//! bytes sent, time and throughput. Measure the peak resident memory with:
//!
//! ```text
//! cargo build --release --example upload_memory
//! /usr/bin/time -v target/release/examples/upload_memory 1024 2>&1 | grep -E 'sent|Maximum resident'
//! ```

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};

use imagekitio::{ImageKit, UploadOptions, UploadSource};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

const MIB: u64 = 1024 * 1024;

/// Reads one request, discarding its body as it arrives, and answers an `UploadedFile`.
async fn serve(mut socket: TcpStream, file_size: u64) -> std::io::Result<u64> {
    let mut buffer = vec![0u8; 256 * 1024];
    let mut head = Vec::new();
    let (content_length, mut body_seen) = loop {
        let n = socket.read(&mut buffer).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        head.extend_from_slice(&buffer[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            let text = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
            let length = text
                .lines()
                .find_map(|l| l.strip_prefix("content-length: "))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .ok_or(std::io::ErrorKind::InvalidData)?;
            break (length, (head.len() - end - 4) as u64);
        }
    };
    while body_seen < content_length {
        let n = socket.read(&mut buffer).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        body_seen += n as u64;
    }
    let body = serde_json::json!({
        "fileId": "6673f88237b244ef54d60180",
        "name": "large_x7Kd2.bin",
        "size": file_size,
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
    Ok(body_seen)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let size_mib: u64 = match std::env::args().nth(1) {
        Some(arg) => arg.parse()?,
        None => 1024,
    };
    let size = size_mib * MIB;

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (socket, _) = listener.accept().await?;
        serve(socket, size).await
    });

    // Sparse: costs no disk, reads back as zeros, and the page cache does not count as the
    // process's resident memory.
    let path = std::env::temp_dir().join(format!("imagekitio-memory-{}.bin", std::process::id()));
    std::fs::File::create(&path)?.set_len(size)?;

    let ik = ImageKit::builder()
        .private_key("private_key")
        .upload_base_url(format!("http://{address}"))
        .build()?;
    let sent = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&sent);
    let started = Instant::now();
    let outcome = async {
        ik.upload_file(
            UploadSource::from_path(&path).await?,
            "large.bin",
            UploadOptions::new().on_progress(move |p| counter.store(p.sent, Ordering::Relaxed)),
        )
        .await
    }
    .await;
    let elapsed = started.elapsed();
    std::fs::remove_file(&path)?;
    let file = outcome?;
    let received = server.await??;

    let sent = sent.load(Ordering::Relaxed);
    println!(
        "sent {sent} bytes of a {size} byte file ({size_mib} MiB; server read {received} body bytes) in {elapsed:.2?}: {:.0} MiB/s; answer {:?}",
        sent as f64 / MIB as f64 / elapsed.as_secs_f64(),
        file.file_id,
    );
    if sent != size {
        return Err(format!("sent {sent} bytes, expected {size}").into());
    }
    Ok(())
}
