//! CDN cache purge and its status.

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Purges a URL (or, ending in `*`, a prefix) from the CDN cache (`POST /v1/files/purge`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let purge = ik.purge_file_cache("https://ik.imagekit.io/your_imagekit_id/default-image.jpg").await?;
    /// println!("request {:?}", purge.request_id);
    /// # Ok(()) }
    /// ```
    pub async fn purge_file_cache(
        &self,
        file_url: impl Into<String>,
    ) -> Result<Response<types::PurgeCacheResult>, Error> {
        let body = types::PurgeCacheRequest {
            url: file_url.into(),
        };
        self.call(self.api().purge_file_cache().body(body).send())
            .await
    }

    /// Status of a purge request (`GET /v1/files/purge/{requestId}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let status = ik.get_purge_file_cache_status("cache_request_id").await?;
    /// println!("{:?}", status.status);
    /// # Ok(()) }
    /// ```
    pub async fn get_purge_file_cache_status(
        &self,
        purge_cache_id: &str,
    ) -> Result<Response<types::PurgeCacheStatus>, Error> {
        let request = self
            .api()
            .get_purge_file_cache_status()
            .request_id(purge_cache_id);
        self.call(request.send()).await
    }
}
