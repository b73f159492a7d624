//! Image and video metadata (EXIF, dimensions, pHash) of stored files and of remote URLs.

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Metadata of a file in the media library (`GET /v1/files/{fileId}/metadata`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let metadata = ik.get_file_metadata("598821f949c0a938d57563bd").await?;
    /// println!("{:?}x{:?}, pHash {:?}", metadata.width, metadata.height, metadata.p_hash);
    /// # Ok(()) }
    /// ```
    pub async fn get_file_metadata(
        &self,
        file_id: &str,
    ) -> Result<Response<types::Metadata>, Error> {
        self.call(self.api().get_file_metadata().file_id(file_id).send())
            .await
    }

    /// Metadata of an image reachable through a URL endpoint (`GET /v1/metadata?url=`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let metadata = ik
    ///     .get_remote_file_url_metadata("https://ik.imagekit.io/your_imagekit_id/default-image.jpg")
    ///     .await?;
    /// println!("{:?}", metadata.format);
    /// # Ok(()) }
    /// ```
    pub async fn get_remote_file_url_metadata(
        &self,
        remote_file_url: &str,
    ) -> Result<Response<types::Metadata>, Error> {
        let request = self
            .api()
            .get_remote_file_url_metadata()
            .url(remote_file_url);
        self.call(request.send()).await
    }
}
