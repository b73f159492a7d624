//! One attempt of an upload: the form with the file's bytes, raced against the stall watchdog.

use std::{pin::pin, sync::Arc, time::Duration};

use futures::future::{self, Either};
use reqwest::multipart::Form;

use super::{
    FILE_FIELD,
    body::{ProgressCallback, Tracker, file_part},
    source::{NextFeed, SourceFeed},
};
use crate::{ImageKit, api::types, error::Error, response::Response, transport::Credentials};

/// Stands in for "no overall limit" on the request: the stall watchdog enforces the real one,
/// and a finite value keeps every deadline computation far from overflow.
pub(super) const NO_TOTAL_LIMIT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// What every attempt of one upload sends, besides the file's bytes.
pub(super) struct Plan {
    pub(super) url: ::url::Url,
    pub(super) fields: Vec<(String, String)>,
    pub(super) file_name: String,
    pub(super) total: Option<u64>,
    pub(super) on_progress: Option<ProgressCallback>,
    pub(super) credentials: Credentials,
    pub(super) stall_limit: Duration,
}

impl Plan {
    /// One attempt: the form with `feed` as its file, raced against the stall watchdog.
    pub(super) async fn send(
        &self,
        ik: &ImageKit,
        feed: NextFeed,
        attempt: u32,
    ) -> Result<Response<types::UploadedFile>, Error> {
        let SourceFeed {
            feed,
            is_file,
            path,
        } = feed.open().await?;
        let total = self.total;
        // Progress starts over with each attempt: it reports what this attempt has sent.
        let tracker = Arc::new(Tracker::new(total, self.on_progress.clone()));
        let part = file_part(
            feed,
            total,
            is_file,
            &path,
            self.file_name.clone(),
            &tracker,
        )?;
        let mut form = Form::new();
        for (name, value) in &self.fields {
            form = form.text(name.clone(), value.clone());
        }
        // Last, so that a server reading the form in order has every option before the file.
        form = form.part(FILE_FIELD, part);

        let request = ik
            .http()
            .post(self.url.clone())
            .multipart(form)
            .build()
            .map_err(|e| Error::from_reqwest(e, attempt))?;
        let send = ik.transport().send::<types::UploadedFile>(
            ik.http(),
            request,
            self.credentials,
            NO_TOTAL_LIMIT,
            &ik.settings().extras,
            attempt,
        );
        let outcome = match future::select(
            pin!(send),
            pin!(tracker.watch(self.stall_limit, attempt)),
        )
        .await
        {
            Either::Left((outcome, _)) => outcome,
            Either::Right((stalled, _)) => Err(stalled),
        };
        // A failed read surfaces from the HTTP client as a vague body error: report the
        // source's own error, with its path, instead.
        match (outcome, tracker.take_failure()) {
            (Err(_), Some(source)) => Err(Error::Io { path, source }),
            (Err(Error::Transport { source, .. }), None) if tracker.sent() > 0 => {
                Err(Error::Transport {
                    message: format!(
                        "the connection was lost after {} of {} bytes of the file were sent ({})",
                        tracker.sent(),
                        total.map_or_else(|| "an unknown number of".to_owned(), |t| t.to_string()),
                        crate::error::root_cause(&source)
                    ),
                    source,
                    attempts: attempt,
                })
            }
            // A server that answers before the whole file arrived did not store this file.
            (Ok(answer), None) => match total {
                Some(total) if tracker.sent() < total => Err(Error::UploadIncomplete {
                    sent: tracker.sent(),
                    total,
                    status: answer.metadata().http_status_code(),
                    attempts: attempt,
                }),
                _ => Ok(answer),
            },
            (outcome, _) => outcome,
        }
    }
}
