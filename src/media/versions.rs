//! File versions: list, details, delete, restore.

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Every version of a file (`GET /v1/files/{fileId}/versions`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let versions = ik.get_file_versions("598821f949c0a938d57563bd").await?;
    /// for version in versions.iter() {
    ///     println!("{:?}", version.version_info);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_file_versions(
        &self,
        file_id: &str,
    ) -> Result<Response<types::FileVersionList>, Error> {
        self.call(self.api().get_file_versions().file_id(file_id).send())
            .await
    }

    /// One version of a file (`GET /v1/files/{fileId}/versions/{versionId}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let version = ik.get_file_version_details("file_id", "version_id").await?;
    /// println!("{:?}", version.version_info);
    /// # Ok(()) }
    /// ```
    pub async fn get_file_version_details(
        &self,
        file_id: &str,
        version_id: &str,
    ) -> Result<Response<types::FileDetails>, Error> {
        let request = self
            .api()
            .get_file_version_details()
            .file_id(file_id)
            .version_id(version_id);
        self.call(request.send()).await
    }

    /// Deletes a non-current version of a file (`DELETE /v1/files/{fileId}/versions/{versionId}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_file_version("file_id", "version_id").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_file_version(
        &self,
        file_id: &str,
        version_id: &str,
    ) -> Result<Response<()>, Error> {
        let request = self
            .api()
            .delete_file_version()
            .file_id(file_id)
            .version_id(version_id);
        self.call_no_content(request.send()).await
    }

    /// Makes a version the current one (`PUT /v1/files/{fileId}/versions/{versionId}/restore`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let file = ik.restore_file_version("file_id", "version_id").await?;
    /// println!("{:?}", file.version_info);
    /// # Ok(()) }
    /// ```
    pub async fn restore_file_version(
        &self,
        file_id: &str,
        version_id: &str,
    ) -> Result<Response<types::FileDetails>, Error> {
        let request = self
            .api()
            .restore_file_version()
            .file_id(file_id)
            .version_id(version_id);
        self.call(request.send()).await
    }
}
