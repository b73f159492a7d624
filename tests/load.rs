//! One client under load: cloned into 1,000 tasks that all call at once, every call succeeds and
//! the connection pool is reused rather than a connection opened per request.
//! (`cargo run --release --example load` measures time and memory of the same workload.)

mod common;

use common::{
    FILE_ID, example,
    load::wave,
    raw_http::{RawServer, Reply},
};
use imagekitio::ImageKit;

const TASKS: usize = 1_000;
const WAVES: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_on_one_cloned_client_all_succeed_and_reuse_connections() {
    let details = Reply::json(200, &example("FileDetails"));
    // The first wave's answers wait until all its calls have arrived, so that it needs a
    // connection per call; the later waves then find every connection idle in the pool.
    let server = RawServer::start(move |n, _| {
        let answer = details.clone();
        if n < TASKS {
            Reply::Once(TASKS, Box::new(answer))
        } else {
            answer
        }
    })
    .await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap();

    let mut succeeded = 0;
    for _ in 0..WAVES {
        let ids = wave(&ik, TASKS, FILE_ID).await.unwrap();
        assert!(ids.iter().all(|id| id.as_deref() == Some(FILE_ID)));
        succeeded += ids.len();
    }

    let requests = TASKS * WAVES;
    let connections = server.connections();
    eprintln!("{succeeded} calls in {WAVES} waves of {TASKS} over {connections} connections");
    assert_eq!(succeeded, requests);
    assert_eq!(server.requests(), requests);
    assert_eq!(
        connections, TASKS,
        "{connections} connections for {requests} calls: one per call of the first wave, \
         then reused"
    );
}
