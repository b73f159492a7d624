//! Folders: create, delete, copy, move, rename, and the status of the bulk jobs these start.

use crate::{Error, ImageKit, Response, api::types, transport::Transport};

impl ImageKit {
    /// Creates `folder_name` inside `parent_folder_path` (`POST /v1/folder`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.create_folder("test", "/").await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_folder(
        &self,
        folder_name: impl Into<String>,
        parent_folder_path: impl Into<String>,
    ) -> Result<Response<()>, Error> {
        let body = types::CreateFolderRequest {
            folder_name: folder_name.into(),
            parent_folder_path: parent_folder_path.into(),
        };
        Transport::call_no_content(
            self.settings(),
            self.api().create_folder().body(body).send(),
        )
        .await
    }

    /// Deletes a folder and everything in it (`DELETE /v1/folder`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_folder("/test/demo").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_folder(
        &self,
        folder_path: impl Into<String>,
    ) -> Result<Response<()>, Error> {
        let body = types::DeleteFolderRequest {
            folder_path: folder_path.into(),
        };
        Transport::call_no_content(
            self.settings(),
            self.api().delete_folder().body(body).send(),
        )
        .await
    }

    /// Starts copying a folder into another (`POST /v1/bulkJobs/copyFolder`); returns the job.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let job = ik.copy_folder("/source_folder_path", "/destination/path", true).await?;
    /// println!("job {:?}", job.job_id);
    /// # Ok(()) }
    /// ```
    pub async fn copy_folder(
        &self,
        source_folder_path: impl Into<String>,
        destination_path: impl Into<String>,
        include_file_versions: bool,
    ) -> Result<Response<types::BulkJob>, Error> {
        let body = types::CopyFolderRequest {
            source_folder_path: source_folder_path.into(),
            destination_path: destination_path.into(),
            include_versions: Some(include_file_versions),
        };
        Transport::call(self.settings(), self.api().copy_folder().body(body).send()).await
    }

    /// Starts moving a folder into another (`POST /v1/bulkJobs/moveFolder`); returns the job.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let job = ik.move_folder("/source_folder_path", "/destination_path").await?;
    /// println!("job {:?}", job.job_id);
    /// # Ok(()) }
    /// ```
    pub async fn move_folder(
        &self,
        source_folder_path: impl Into<String>,
        destination_path: impl Into<String>,
    ) -> Result<Response<types::BulkJob>, Error> {
        let body = types::MoveFolderRequest {
            source_folder_path: source_folder_path.into(),
            destination_path: destination_path.into(),
        };
        Transport::call(self.settings(), self.api().move_folder().body(body).send()).await
    }

    /// Starts renaming a folder (`POST /v1/bulkJobs/renameFolder`); returns the job.
    ///
    /// With `purge_cache`, the old URLs of the files inside are purged from the CDN.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let job = ik.rename_folder("/products/2024", "archive-2024", false).await?;
    /// println!("job {:?}", job.job_id);
    /// # Ok(()) }
    /// ```
    pub async fn rename_folder(
        &self,
        folder_path: impl Into<String>,
        new_folder_name: impl Into<String>,
        purge_cache: bool,
    ) -> Result<Response<types::BulkJob>, Error> {
        let body = types::RenameFolderRequest {
            folder_path: folder_path.into(),
            new_folder_name: new_folder_name.into(),
            purge_cache: Some(purge_cache),
        };
        Transport::call(
            self.settings(),
            self.api().rename_folder().body(body).send(),
        )
        .await
    }

    /// Status of a copy, move or rename job (`GET /v1/bulkJobs/{jobId}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let job = ik.get_bulk_job_status("job_id").await?;
    /// println!("{:?}: {:?}", job.job_id, job.status);
    /// # Ok(()) }
    /// ```
    pub async fn get_bulk_job_status(
        &self,
        job_id: &str,
    ) -> Result<Response<types::BulkJobStatus>, Error> {
        Transport::call(
            self.settings(),
            self.api().get_bulk_job_status().job_id(job_id).send(),
        )
        .await
    }
}
