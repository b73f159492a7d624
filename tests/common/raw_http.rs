//! A small HTTP/1.1 server on a local TCP port, for what wiremock cannot do: reset a connection,
//! cut an answer short, and count the connections a client opens.
//!
//! Each request gets the [`Reply`] its behaviour chooses from the request's number (0-based,
//! across all connections) and its head; connections stay open for the next request.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::Notify,
};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete answer; the connection stays open.
    Answer {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Resets the connection (TCP RST) instead of answering.
    Reset,
    /// Announces `announced` bytes of body, sends `body`, and closes the connection.
    Truncated {
        status: u16,
        body: Vec<u8>,
        announced: usize,
    },
    /// Waits, then replies.
    After(Duration, Box<Reply>),
    /// Holds the reply until the server has received this many requests in all.
    Once(usize, Box<Reply>),
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Reply::Answer {
            status,
            content_type: "application/json",
            body: body.to_string().into_bytes(),
        }
    }
}

type Behaviour = dyn Fn(usize, &str) -> Reply + Send + Sync;

/// The running server; it stops with the test's runtime.
pub struct RawServer {
    url: String,
    connections: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl RawServer {
    /// Starts a server on `127.0.0.1` answering each request as `behaviour` says.
    pub async fn start(behaviour: impl Fn(usize, &str) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let behaviour: Arc<Behaviour> = Arc::new(behaviour);
        let (counted, recorded) = (Arc::clone(&connections), Arc::clone(&heads));
        let arrivals = Arc::new(Notify::new());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                let (behaviour, recorded) = (Arc::clone(&behaviour), Arc::clone(&recorded));
                tokio::spawn(serve(stream, behaviour, recorded, Arc::clone(&arrivals)));
            }
        });
        Self {
            url,
            connections,
            heads,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.heads.lock().unwrap().len()
    }

    /// The request line and headers of every request received, in order.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

/// Serves the requests of one connection until the client closes it or a reply ends it.
async fn serve(
    mut stream: TcpStream,
    behaviour: Arc<Behaviour>,
    heads: Arc<Mutex<Vec<String>>>,
    arrivals: Arc<Notify>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(head) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let number = {
            let mut heads = heads.lock().unwrap();
            heads.push(head.clone());
            heads.len() - 1
        };
        arrivals.notify_waiters();
        let mut reply = behaviour(number, &head);
        loop {
            match reply {
                Reply::After(wait, then) => {
                    tokio::time::sleep(wait).await;
                    reply = *then;
                }
                Reply::Once(count, then) => {
                    loop {
                        let arrived = arrivals.notified();
                        if heads.lock().unwrap().len() >= count {
                            break;
                        }
                        arrived.await;
                    }
                    reply = *then;
                }
                _ => break,
            }
        }
        match reply {
            Reply::Answer {
                status,
                content_type,
                body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                if stream.write_all(head.as_bytes()).await.is_err()
                    || stream.write_all(&body).await.is_err()
                {
                    return;
                }
            }
            Reply::Reset => {
                let _ = stream.set_zero_linger();
                return;
            }
            Reply::Truncated {
                status,
                body,
                announced,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {announced}\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
                let _ = stream.shutdown().await;
                return;
            }
            Reply::After(..) | Reply::Once(..) => unreachable!("unwrapped above"),
        }
    }
}

/// Reads one request (head, then a `content-length` body) and returns its head, or `None`
/// when the client closed the connection. Bytes of the next request stay in `buffer`.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<String> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        read_more(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        read_more(stream, buffer).await?;
    }
    buffer.drain(..head_end + length);
    Some(head)
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 16 * 1024];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}
