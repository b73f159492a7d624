//! Folders: create, delete, copy, move, rename, and the status of the bulk jobs these start.

use crate::{api::types, client::ImageKit, error::Error, response::Response};

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
        self.call_no_content(self.api().create_folder().body(body).send())
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
        self.call_no_content(self.api().delete_folder().body(body).send())
            .await
    }

    /// Starts copying a folder into another (`POST /v1/bulkJobs/copyFolder`); returns the job.
    ///
    /// ```no_run
    /// use imagekitio::CopyFolderOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let options = CopyFolderOptions::new().include_file_versions(true);
    /// let job = ik.copy_folder("/source_folder_path", "/destination/path", &options).await?;
    /// println!("job {:?}", job.job_id);
    /// # Ok(()) }
    /// ```
    pub async fn copy_folder(
        &self,
        source_folder_path: impl Into<String>,
        destination_path: impl Into<String>,
        options: &CopyFolderOptions,
    ) -> Result<Response<types::BulkJob>, Error> {
        let body = types::CopyFolderRequest {
            source_folder_path: source_folder_path.into(),
            destination_path: destination_path.into(),
            include_versions: options.include_file_versions,
        };
        self.call(self.api().copy_folder().body(body).send()).await
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
        self.call(self.api().move_folder().body(body).send()).await
    }

    /// Starts renaming a folder (`POST /v1/bulkJobs/renameFolder`); returns the job.
    ///
    /// ```no_run
    /// use imagekitio::RenameFolderOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let options = RenameFolderOptions::new().purge_cache(true);
    /// let job = ik.rename_folder("/products/2024", "archive-2024", &options).await?;
    /// println!("job {:?}", job.job_id);
    /// # Ok(()) }
    /// ```
    pub async fn rename_folder(
        &self,
        folder_path: impl Into<String>,
        new_folder_name: impl Into<String>,
        options: &RenameFolderOptions,
    ) -> Result<Response<types::BulkJob>, Error> {
        let body = types::RenameFolderRequest {
            folder_path: folder_path.into(),
            new_folder_name: new_folder_name.into(),
            purge_cache: options.purge_cache,
        };
        self.call(self.api().rename_folder().body(body).send())
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
        self.call(self.api().get_bulk_job_status().job_id(job_id).send())
            .await
    }
}

/// The optional part of [`ImageKit::copy_folder`] (the Python SDK's
/// `CopyFolderRequestOptions` without the two paths, which the call takes as arguments).
///
/// ```
/// let options = imagekitio::CopyFolderOptions::new().include_file_versions(true);
/// assert_ne!(options, imagekitio::CopyFolderOptions::default());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct CopyFolderOptions {
    include_file_versions: Option<bool>,
}

impl CopyFolderOptions {
    /// No option set: ImageKit's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also copy the earlier versions of the files (ImageKit's default: no).
    pub fn include_file_versions(mut self, include: bool) -> Self {
        self.include_file_versions = Some(include);
        self
    }
}

/// The optional part of [`ImageKit::rename_folder`].
///
/// ```
/// let options = imagekitio::RenameFolderOptions::new().purge_cache(true);
/// assert_ne!(options, imagekitio::RenameFolderOptions::default());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct RenameFolderOptions {
    purge_cache: Option<bool>,
}

impl RenameFolderOptions {
    /// No option set: ImageKit's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also purge the old URLs of the folder's files from the CDN cache.
    pub fn purge_cache(mut self, purge: bool) -> Self {
        self.purge_cache = Some(purge);
        self
    }
}
