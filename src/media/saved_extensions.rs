//! Saved extensions: named, reusable extension configurations.

use std::fmt::Display;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Lists saved extensions (`GET /v1/saved-extensions`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// for extension in ik.list_saved_extensions().await?.iter() {
    ///     println!("{:?} {:?}", extension.id, extension.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_saved_extensions(
        &self,
    ) -> Result<Response<types::SavedExtensionList>, Error> {
        self.call(self.api().list_saved_extensions().send()).await
    }

    /// Saves an extension configuration (`POST /v1/saved-extensions`).
    ///
    /// ```no_run
    /// use imagekitio::{CreateSavedExtensionRequest, Extension};
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let request = CreateSavedExtensionRequest::builder()
    ///     .name("Auto tags")
    ///     .description("Google auto tagging, 10 tags at 80% confidence")
    ///     .config(
    ///         Extension::builder()
    ///             .name("google-auto-tagging")
    ///             .max_tags(Some(10))
    ///             .min_confidence(Some(80)),
    ///     );
    /// let saved = ik.create_saved_extension(request).await?;
    /// println!("{:?}", saved.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_saved_extension<B>(
        &self,
        extension: B,
    ) -> Result<Response<types::SavedExtension>, Error>
    where
        B: TryInto<types::CreateSavedExtensionRequest>,
        B::Error: Display,
    {
        self.call(self.api().create_saved_extension().body(extension).send())
            .await
    }

    /// One saved extension (`GET /v1/saved-extensions/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let saved = ik.get_saved_extension("ext_123").await?;
    /// println!("{:?}", saved.config);
    /// # Ok(()) }
    /// ```
    pub async fn get_saved_extension(
        &self,
        id: &str,
    ) -> Result<Response<types::SavedExtension>, Error> {
        self.call(self.api().get_saved_extension().id(id).send())
            .await
    }

    /// Changes a saved extension (`PATCH /v1/saved-extensions/{id}`).
    ///
    /// ```no_run
    /// use imagekitio::UpdateSavedExtensionRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let change = UpdateSavedExtensionRequest::builder().description(Some("20 tags".to_string()));
    /// ik.update_saved_extension("ext_123", change).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_saved_extension<B>(
        &self,
        id: &str,
        change: B,
    ) -> Result<Response<types::SavedExtension>, Error>
    where
        B: TryInto<types::UpdateSavedExtensionRequest>,
        B::Error: Display,
    {
        self.call(
            self.api()
                .update_saved_extension()
                .id(id)
                .body(change)
                .send(),
        )
        .await
    }

    /// Deletes a saved extension (`DELETE /v1/saved-extensions/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_saved_extension("ext_123").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_saved_extension(&self, id: &str) -> Result<Response<()>, Error> {
        self.call_no_content(self.api().delete_saved_extension().id(id).send())
            .await
    }
}
