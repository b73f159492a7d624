//! The other spellings the seed documents use for some calls: ImageKit's quick-start guides
//! call `purge_cache`, `get_purge_cache_status` and `get_metadata`, and the older README
//! `file_upload` (ImageKit's Python SDK 4.2 has both spellings). Each is the same call as
//! the name it stands for, so that code written from the guides works as printed.

use crate::{
    api::types,
    client::ImageKit,
    error::Error,
    response::Response,
    upload::{UploadOptions, UploadSource},
};

impl ImageKit {
    /// The quick-start guides' name for [`ImageKit::purge_file_cache`].
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let purge = ik.purge_cache("https://ik.imagekit.io/your_imagekit_id/default-image.jpg").await?;
    /// println!("request {:?}", purge.request_id);
    /// # Ok(()) }
    /// ```
    pub async fn purge_cache(
        &self,
        file_url: impl Into<String>,
    ) -> Result<Response<types::PurgeCacheResult>, Error> {
        self.purge_file_cache(file_url).await
    }

    /// The quick-start guides' name for [`ImageKit::get_purge_file_cache_status`].
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let status = ik.get_purge_cache_status("cache_request_id").await?;
    /// println!("{:?}", status.status);
    /// # Ok(()) }
    /// ```
    pub async fn get_purge_cache_status(
        &self,
        purge_cache_id: &str,
    ) -> Result<Response<types::PurgeCacheStatus>, Error> {
        self.get_purge_file_cache_status(purge_cache_id).await
    }

    /// The quick-start guides' name for [`ImageKit::get_file_metadata`].
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let metadata = ik.get_metadata("598821f949c0a938d57563bd").await?;
    /// println!("{:?}x{:?}", metadata.width, metadata.height);
    /// # Ok(()) }
    /// ```
    pub async fn get_metadata(&self, file_id: &str) -> Result<Response<types::Metadata>, Error> {
        self.get_file_metadata(file_id).await
    }

    /// The older README's name for [`ImageKit::upload_file`].
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let file = ik
    ///     .file_upload(b"GIF89a".as_slice(), "pixel.gif", imagekitio::UploadOptions::new())
    ///     .await?;
    /// println!("{:?}", file.file_id);
    /// # Ok(()) }
    /// ```
    pub async fn file_upload(
        &self,
        source: impl Into<UploadSource>,
        file_name: impl Into<String>,
        options: UploadOptions,
    ) -> Result<Response<types::UploadedFile>, Error> {
        self.upload_file(source, file_name, options).await
    }
}
