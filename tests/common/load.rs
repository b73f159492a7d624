//! The load workload, shared by `tests/load.rs` (which checks it) and `examples/load.rs`
//! (which measures it).

use std::sync::Arc;

use imagekitio::{Error, ImageKit};
use tokio::sync::Barrier;

/// `tasks` clones of `ik` call `get_file_details(file_id)` at the same moment; returns the
/// file ids they got (`None` for an answer without one), or the first error.
pub async fn wave(
    ik: &ImageKit,
    tasks: usize,
    file_id: &str,
) -> Result<Vec<Option<String>>, Error> {
    let start = Arc::new(Barrier::new(tasks));
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (ik, start, file_id) = (ik.clone(), Arc::clone(&start), file_id.to_owned());
            tokio::spawn(async move {
                start.wait().await;
                ik.get_file_details(&file_id).await
            })
        })
        .collect();
    let mut ids = Vec::with_capacity(tasks);
    for handle in handles {
        let file = handle.await.expect("the task ran to its end")?;
        ids.push(file.into_inner().file_id);
    }
    Ok(ids)
}
