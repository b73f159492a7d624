//! The pages behind [`crate::ImageKit::list_files_stream`]: `skip` advanced by each page, until
//! a page is short, `skip` would pass `u32::MAX` (the type the spec gives it; ImageKit states
//! no lower maximum), or a page does not advance.

use futures::{Stream, StreamExt};

use super::files::ListFilesOptions;
use crate::{api::types::FileOrFolder, client::ImageKit, error::Error};

/// ImageKit's largest page for [`crate::ImageKit::list_files`], the default page size.
const MAX_PAGE_SIZE: u32 = 1000;

/// Every entry matching `options`, page by page, each page fetched when the previous one is
/// consumed. Boxed so that callers can `.next().await` it without pinning it first.
pub(super) fn entries(
    client: ImageKit,
    options: ListFilesOptions,
) -> impl Stream<Item = Result<FileOrFolder, Error>> + Unpin + Send + 'static {
    let page_size = options
        .limit
        .unwrap_or(MAX_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    let cursor = Cursor {
        skip: options.skip.unwrap_or(0),
        options: options.limit(page_size),
        page_size,
        client,
        previous_first: None,
    };
    let pages = futures::stream::unfold(
        Some(cursor),
        |cursor| async move { cursor?.next_page().await },
    );
    // Fused: polling again after the end is then harmless.
    Box::pin(pages.flat_map(futures::stream::iter).fuse())
}

/// Where the next page starts, and what the previous one began with.
struct Cursor {
    client: ImageKit,
    options: ListFilesOptions,
    page_size: u32,
    skip: u32,
    previous_first: Option<Identity>,
}

/// What tells two entries apart: a file (and which of its versions) or a folder.
type Identity = (Option<String>, Option<String>, Option<String>);

impl Cursor {
    /// The next page's entries and the cursor after them; `None` when the page repeats the
    /// previous one (a server that ignores `skip` would otherwise be asked forever).
    async fn next_page(self) -> Option<(Vec<Result<FileOrFolder, Error>>, Option<Cursor>)> {
        let options = self.options.clone().skip(self.skip);
        let page = match self.client.list_files(&options).await {
            Ok(page) => page.into_inner().0,
            Err(error) => return Some((vec![Err(error)], None)),
        };
        let first = page.first().and_then(identity);
        if first.is_some() && first == self.previous_first {
            return None;
        }
        let fetched = u32::try_from(page.len()).unwrap_or(u32::MAX);
        let next = self
            .skip
            .checked_add(fetched)
            .filter(|_| fetched >= self.page_size)
            .map(|skip| Cursor {
                skip,
                previous_first: first,
                ..self
            });
        Some((page.into_iter().map(Ok).collect(), next))
    }
}

/// `None` for an entry without any id, which then cannot count as a repeat.
fn identity(entry: &FileOrFolder) -> Option<Identity> {
    let version = entry.version_info.as_ref().and_then(|v| v.id.clone());
    let identity = (entry.file_id.clone(), entry.folder_id.clone(), version);
    (identity != (None, None, None)).then_some(identity)
}
