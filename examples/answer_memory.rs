//! Measures what a huge answer costs: a local API host answers `get_file_details` with a body
//! of the given size (500 MB unless a size in MB is given), with `Content-Length` or chunked,
//! as a success or a 503. The client refuses it past its size limit (`max_response_size`,
//! default 32 MiB), so memory stays bounded whatever the server sends. Measure the peak
//! resident memory with:
//!
//! ```text
//! cargo build --release --example answer_memory
//! /usr/bin/time -v target/release/examples/answer_memory 500 chunked 503 2>&1 | grep -E 'answer|Maximum resident'
//! ```
//!
//! Arguments: size in MB, `length` or `chunked`, status (200 or 503).

use std::time::Instant;

use imagekitio::ImageKit;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

const MB: usize = 1_000_000;
const CHUNK: usize = 64 * 1024;

/// Reads the request head, then sends `size` bytes of body in 64 KiB pieces.
async fn serve(
    mut socket: TcpStream,
    size: usize,
    chunked: bool,
    status: u16,
) -> std::io::Result<()> {
    let mut head = [0u8; 8192];
    let _ = socket.read(&mut head).await?;
    let framing = if chunked {
        "transfer-encoding: chunked".to_owned()
    } else {
        format!("content-length: {size}")
    };
    let start = format!("HTTP/1.1 {status} X\r\ncontent-type: text/plain\r\n{framing}\r\n\r\n");
    socket.write_all(start.as_bytes()).await?;
    let piece = vec![b'x'; CHUNK];
    let mut sent = 0;
    while sent < size {
        let n = CHUNK.min(size - sent);
        if chunked {
            socket.write_all(format!("{n:x}\r\n").as_bytes()).await?;
        }
        socket.write_all(&piece[..n]).await?;
        if chunked {
            socket.write_all(b"\r\n").await?;
        }
        sent += n;
    }
    if chunked {
        socket.write_all(b"0\r\n\r\n").await?;
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let size = args.next().map_or(Ok(500), |a| a.parse::<usize>())? * MB;
    let chunked = args.next().as_deref() == Some("chunked");
    let status: u16 = args.next().map_or(Ok(200), |a| a.parse())?;

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, size, chunked, status));
        }
    });

    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(&url)
        .max_retries(0)
        .build()?;
    let started = Instant::now();
    let outcome = ik.get_file_details("598821f949c0a938d57563bd").await;
    let text = match &outcome {
        Ok(_) => "a success".to_owned(),
        Err(e) => e.to_string(),
    };
    println!(
        "answer of {} MB ({}, {status}): {} bytes of error text in {:.2?}: {}",
        size / MB,
        if chunked { "chunked" } else { "with length" },
        text.len(),
        started.elapsed(),
        text.chars().take(160).collect::<String>(),
    );
    Ok(())
}
