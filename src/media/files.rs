//! Files: list and search, details, update, delete, copy, move, rename, and tags.

use futures::Stream;
use serde::{Serialize, Serializer};

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Lists and searches files and folders (`GET /v1/files`).
    ///
    /// ```no_run
    /// use imagekitio::{ListFilesOptions, ListFilesSort, ListFilesType};
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let options = ListFilesOptions::new()
    ///     .type_(ListFilesType::File)
    ///     .sort(ListFilesSort::AscCreated)
    ///     .path("/")
    ///     .search_query("createdAt >= '2d' OR size < '2mb' OR format='png'")
    ///     .limit(5);
    /// let files = ik.list_files(&options).await?;
    /// for file in files.iter() {
    ///     println!("{:?}", file.file_id);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_files(
        &self,
        options: &ListFilesOptions,
    ) -> Result<Response<types::FileList>, Error> {
        let mut request = self.api().list_files();
        if let Some(v) = options.type_ {
            request = request.type_(v);
        }
        if let Some(v) = options.sort {
            request = request.sort(v);
        }
        if let Some(v) = &options.path {
            request = request.path(v.clone());
        }
        if let Some(v) = &options.search_query {
            request = request.search_query(v.clone());
        }
        if let Some(v) = options.file_type {
            request = request.file_type(v);
        }
        if let Some(v) = &options.tags {
            request = request.tags(v.clone());
        }
        if let Some(v) = options.limit {
            request = request.limit(v);
        }
        if let Some(v) = options.skip {
            request = request.skip(v);
        }
        self.call(request.send()).await
    }

    /// Every file and folder matching `options`, fetched lazily page by page.
    ///
    /// `limit` sets the page size (default and maximum 1000) and `skip` where to start. The
    /// stream asks for the next page only when the previous one is consumed, and ends after a
    /// page shorter than the page size, after a page that begins with the same entry as the
    /// one before (the server did not advance), when `skip` would pass `u32::MAX`, or after
    /// yielding the first error. It is `Unpin`: no `pin!` is needed to `.next().await` it.
    ///
    /// ```no_run
    /// use futures::TryStreamExt;
    /// use imagekitio::ListFilesOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let mut files = ik.list_files_stream(ListFilesOptions::new().path("/products"));
    /// while let Some(file) = files.try_next().await? {
    ///     println!("{:?}", file.file_path);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_files_stream(
        &self,
        options: ListFilesOptions,
    ) -> impl Stream<Item = Result<types::FileOrFolder, Error>> + Unpin + Send + 'static {
        super::pages::entries(self.clone(), options)
    }

    /// Details of one file (`GET /v1/files/{fileId}/details`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let file = ik.get_file_details("598821f949c0a938d57563bd").await?;
    /// println!("{:?} at {:?}", file.name, file.url);
    /// # Ok(()) }
    /// ```
    pub async fn get_file_details(
        &self,
        file_id: &str,
    ) -> Result<Response<types::FileDetails>, Error> {
        self.call(self.api().get_file_details().file_id(file_id).send())
            .await
    }

    /// Changes a file's tags, coordinates, metadata, extensions, description or publication
    /// status (`PATCH /v1/files/{fileId}/details`).
    ///
    /// ```no_run
    /// use imagekitio::UpdateFileDetails;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let changes = UpdateFileDetails::new()
    ///     .tags(["tag-1", "tag-2"])
    ///     .remove_ai_tags(["remove-ai-tag-1"])
    ///     .custom_metadata_field("price", 11)
    ///     .clear_custom_coordinates();
    /// let file = ik.update_file_details("62cfd39819ca454d82a07182", &changes).await?;
    /// println!("{:?}", file.tags);
    /// # Ok(()) }
    /// ```
    pub async fn update_file_details(
        &self,
        file_id: &str,
        changes: &UpdateFileDetails,
    ) -> Result<Response<types::FileDetails>, Error> {
        let request = self
            .api()
            .update_file_details()
            .file_id(file_id)
            .body(changes.clone());
        self.call(request.send()).await
    }

    /// Deletes a file and all its versions (`DELETE /v1/files/{fileId}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_file("598821f949c0a938d57563bd").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_file(&self, file_id: &str) -> Result<Response<()>, Error> {
        self.call_no_content(self.api().delete_file().file_id(file_id).send())
            .await
    }

    /// Deletes up to 100 files (`POST /v1/files/batch/deleteByFileIds`).
    ///
    /// When only some could be deleted ImageKit answers 207, returned as
    /// [`Error::PartialSuccess`]; its [`ApiError::decode`](crate::ApiError::decode) reads which.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let result = ik.bulk_file_delete(["file_id1", "file_id2"]).await?;
    /// println!("{:?}", result.successfully_deleted_file_ids);
    /// # Ok(()) }
    /// ```
    pub async fn bulk_file_delete(
        &self,
        file_ids: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Response<types::BulkDeleteFilesResult>, Error> {
        let body = types::BulkDeleteFilesRequest {
            file_ids: strings(file_ids),
        };
        self.call(self.api().bulk_file_delete().body(body).send())
            .await
    }

    /// Copies a file into a folder (`POST /v1/files/copy`).
    ///
    /// ```no_run
    /// use imagekitio::CopyFileOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let options = CopyFileOptions::new().include_file_versions(true);
    /// ik.copy_file("/source_file_path.jpg", "/destination_path", &options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn copy_file(
        &self,
        source_file_path: impl Into<String>,
        destination_path: impl Into<String>,
        options: &CopyFileOptions,
    ) -> Result<Response<()>, Error> {
        let body = types::CopyFileRequest {
            source_file_path: source_file_path.into(),
            destination_path: destination_path.into(),
            include_file_versions: options.include_file_versions,
        };
        self.call_no_content(self.api().copy_file().body(body).send())
            .await
    }

    /// Moves a file into a folder (`POST /v1/files/move`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.move_file("/source_file_path.jpg", "/destination_path").await?;
    /// # Ok(()) }
    /// ```
    pub async fn move_file(
        &self,
        source_file_path: impl Into<String>,
        destination_path: impl Into<String>,
    ) -> Result<Response<()>, Error> {
        let body = types::MoveFileRequest {
            source_file_path: source_file_path.into(),
            destination_path: destination_path.into(),
        };
        self.call_no_content(self.api().move_file().body(body).send())
            .await
    }

    /// Renames a file, optionally purging the old URL from the CDN (`PUT /v1/files/rename`).
    ///
    /// ```no_run
    /// use imagekitio::RenameFileOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let options = RenameFileOptions::new().purge_cache(true);
    /// let result = ik.rename_file("/file_path.jpg", "new_file_name.jpg", &options).await?;
    /// println!("purge request: {:?}", result.purge_request_id);
    /// # Ok(()) }
    /// ```
    pub async fn rename_file(
        &self,
        file_path: impl Into<String>,
        new_file_name: impl Into<String>,
        options: &RenameFileOptions,
    ) -> Result<Response<types::RenameFileResult>, Error> {
        let body = types::RenameFileRequest {
            file_path: file_path.into(),
            new_file_name: new_file_name.into(),
            purge_cache: options.purge_cache,
        };
        self.call(self.api().rename_file().body(body).send()).await
    }

    /// Adds tags to files (`POST /v1/files/addTags`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let result = ik.add_tags(["file-id-1", "file-id-2"], ["add-tag-1", "add-tag-2"]).await?;
    /// println!("{:?}", result.successfully_updated_file_ids);
    /// # Ok(()) }
    /// ```
    pub async fn add_tags(
        &self,
        file_ids: impl IntoIterator<Item = impl Into<String>>,
        tags: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Response<types::BulkTagsResult>, Error> {
        let body = types::AddTagsRequest {
            file_ids: strings(file_ids),
            tags: strings(tags),
        };
        self.call(self.api().add_tags().body(body).send()).await
    }

    /// Removes tags from files (`POST /v1/files/removeTags`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.remove_tags(["file-id-1"], ["remove-tag-1"]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_tags(
        &self,
        file_ids: impl IntoIterator<Item = impl Into<String>>,
        tags: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Response<types::BulkTagsResult>, Error> {
        let body = types::RemoveTagsRequest {
            file_ids: strings(file_ids),
            tags: strings(tags),
        };
        self.call(self.api().remove_tags().body(body).send()).await
    }

    /// Removes AI-generated tags from files (`POST /v1/files/removeAITags`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.remove_ai_tags(["file-id-1"], ["remove-ai-tag-1"]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_ai_tags(
        &self,
        file_ids: impl IntoIterator<Item = impl Into<String>>,
        ai_tags: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Response<types::BulkTagsResult>, Error> {
        let body = types::RemoveAiTagsRequest {
            file_ids: strings(file_ids),
            ai_tags: strings(ai_tags),
        };
        self.call(self.api().remove_ai_tags().body(body).send())
            .await
    }
}

pub(crate) fn strings(items: impl IntoIterator<Item = impl Into<String>>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

/// Filters, sorting and paging for [`ImageKit::list_files`] (the Python SDK's
/// `ListAndSearchFileRequestOptions`).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
#[must_use]
pub struct ListFilesOptions {
    /// Files, file versions, folders, or all.
    pub type_: Option<types::ListFilesType>,
    /// Sort order.
    pub sort: Option<types::ListFilesSort>,
    /// Folder to list; `/` for the root.
    pub path: Option<String>,
    /// Lucene-like query, e.g. `createdAt >= '2d' OR size < '2mb'`.
    pub search_query: Option<String>,
    /// All files, images only, or everything but images.
    pub file_type: Option<types::ListFilesFileType>,
    /// Comma-separated tags a file must have one of.
    pub tags: Option<String>,
    /// Page size (1 to 1000).
    pub limit: Option<u32>,
    /// Items to skip.
    pub skip: Option<u32>,
}

impl ListFilesOptions {
    /// No filter: the first page of everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only files, file versions, folders, or all.
    pub fn type_(mut self, value: types::ListFilesType) -> Self {
        self.type_ = Some(value);
        self
    }

    /// Sort order.
    pub fn sort(mut self, value: types::ListFilesSort) -> Self {
        self.sort = Some(value);
        self
    }

    /// Folder to list.
    pub fn path(mut self, value: impl Into<String>) -> Self {
        self.path = Some(value.into());
        self
    }

    /// Lucene-like search query.
    pub fn search_query(mut self, value: impl Into<String>) -> Self {
        self.search_query = Some(value.into());
        self
    }

    /// All files, images only, or everything but images.
    pub fn file_type(mut self, value: types::ListFilesFileType) -> Self {
        self.file_type = Some(value);
        self
    }

    /// Tags to match, comma-joined as ImageKit expects.
    pub fn tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Some(strings(tags).join(","));
        self
    }

    /// Page size (1 to 1000).
    pub fn limit(mut self, value: u32) -> Self {
        self.limit = Some(value);
        self
    }

    /// Items to skip.
    pub fn skip(mut self, value: u32) -> Self {
        self.skip = Some(value);
        self
    }
}

/// The optional part of [`ImageKit::copy_file`] (the Python SDK's `CopyFileRequestOptions`
/// without the two paths, which the call takes as arguments).
///
/// ```
/// let options = imagekitio::CopyFileOptions::new().include_file_versions(true);
/// assert_eq!(options, imagekitio::CopyFileOptions::default().include_file_versions(true));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct CopyFileOptions {
    include_file_versions: Option<bool>,
}

impl CopyFileOptions {
    /// No option set: ImageKit's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also copy the file's earlier versions (ImageKit's default: no).
    pub fn include_file_versions(mut self, include: bool) -> Self {
        self.include_file_versions = Some(include);
        self
    }
}

/// The optional part of [`ImageKit::rename_file`] (the Python SDK's
/// `RenameFileRequestOptions` without the path and name, which the call takes as arguments).
///
/// ```
/// let options = imagekitio::RenameFileOptions::new().purge_cache(true);
/// assert_ne!(options, imagekitio::RenameFileOptions::default());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct RenameFileOptions {
    purge_cache: Option<bool>,
}

impl RenameFileOptions {
    /// No option set: ImageKit's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also purge the old URL from the CDN cache; the result carries the purge request id.
    pub fn purge_cache(mut self, purge: bool) -> Self {
        self.purge_cache = Some(purge);
        self
    }
}

/// Changes for [`ImageKit::update_file_details`] (the Python SDK's `UpdateFileRequestOptions`).
///
/// Fields left alone are not sent. Unlike the generated type it replaces, it can send an
/// explicit `null`, which is how ImageKit clears `tags` and `customCoordinates`
/// ([`Self::clear_tags`], [`Self::clear_custom_coordinates`]).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct UpdateFileDetails {
    #[serde(skip_serializing_if = "Change::is_keep")]
    tags: Change<Vec<String>>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    custom_coordinates: Change<String>,
    #[serde(rename = "removeAITags", skip_serializing_if = "Option::is_none")]
    remove_ai_tags: Option<RemoveAiTags>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extensions: Option<Vec<types::Extension>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_metadata: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publish: Option<types::PublishStatus>,
}

/// A field of a PATCH body: left alone, cleared with `null`, or set.
#[derive(Clone, Debug, Default)]
enum Change<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<T> Change<T> {
    fn is_keep(&self) -> bool {
        matches!(self, Change::Keep)
    }
}

impl<T: Serialize> Serialize for Change<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Change::Set(value) => value.serialize(serializer),
            Change::Keep | Change::Clear => serializer.serialize_none(),
        }
    }
}

#[derive(Clone, Debug)]
enum RemoveAiTags {
    All,
    These(Vec<String>),
}

impl Serialize for RemoveAiTags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RemoveAiTags::All => serializer.serialize_str("all"),
            RemoveAiTags::These(tags) => tags.serialize(serializer),
        }
    }
}

impl UpdateFileDetails {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the file's tags.
    pub fn tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Change::Set(strings(tags));
        self
    }

    /// Removes every tag (sends `"tags": null`).
    pub fn clear_tags(mut self) -> Self {
        self.tags = Change::Clear;
        self
    }

    /// Sets the focus area as `x,y,width,height`, e.g. `10,10,100,100`.
    pub fn custom_coordinates(mut self, coordinates: impl Into<String>) -> Self {
        self.custom_coordinates = Change::Set(coordinates.into());
        self
    }

    /// Removes the custom coordinates (sends `"customCoordinates": null`).
    pub fn clear_custom_coordinates(mut self) -> Self {
        self.custom_coordinates = Change::Clear;
        self
    }

    /// Removes these AI tags.
    pub fn remove_ai_tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.remove_ai_tags = Some(RemoveAiTags::These(strings(tags)));
        self
    }

    /// Removes every AI tag (sends `"removeAITags": "all"`).
    pub fn remove_all_ai_tags(mut self) -> Self {
        self.remove_ai_tags = Some(RemoveAiTags::All);
        self
    }

    /// Where ImageKit posts the final status of the extensions.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// Extensions to run (background removal, auto tagging, AI description, ...).
    pub fn extensions(mut self, extensions: impl IntoIterator<Item = types::Extension>) -> Self {
        self.extensions = Some(extensions.into_iter().collect());
        self
    }

    /// `customMetadata`: values of custom metadata fields, replacing any set before (as
    /// [`crate::UploadOptions::custom_metadata`]).
    ///
    /// ```
    /// let mut values = serde_json::Map::new();
    /// values.insert("brand".into(), "Nike".into());
    /// let changes = imagekitio::UpdateFileDetails::new().custom_metadata(values);
    /// let one = imagekitio::UpdateFileDetails::new().custom_metadata_field("brand", "Nike");
    /// assert_eq!(serde_json::to_value(&changes)?, serde_json::to_value(&one)?);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom_metadata(mut self, values: impl Into<types::CustomMetadata>) -> Self {
        self.custom_metadata = Some(values.into().0);
        self
    }

    /// Sets one custom metadata field; `serde_json::Value::Null` unsets it (as
    /// [`crate::UploadOptions::custom_metadata_field`]).
    ///
    /// ```
    /// let changes = imagekitio::UpdateFileDetails::new()
    ///     .custom_metadata_field("brand", "Nike")
    ///     .custom_metadata_field("price", 11);
    /// let body = serde_json::to_value(&changes)?;
    /// assert_eq!(body["customMetadata"]["price"], 11);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom_metadata_field(
        mut self,
        field: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.custom_metadata
            .get_or_insert_with(Default::default)
            .insert(field.into(), value.into());
        self
    }

    /// Sets the file's description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Publishes or unpublishes the file (ImageKit takes this change alone, without other fields).
    pub fn is_published(self, published: bool) -> Self {
        self.publish(published, None)
    }

    /// Publishes or unpublishes the file, and with `include_file_versions: Some(true)` all its
    /// versions too.
    pub fn publish(mut self, published: bool, include_file_versions: Option<bool>) -> Self {
        self.publish = Some(types::PublishStatus {
            is_published: published,
            include_file_versions,
        });
        self
    }
}
