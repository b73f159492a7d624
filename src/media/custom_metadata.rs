//! Custom metadata fields: the typed fields every file of the library can carry.

use std::fmt::Display;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Creates a custom metadata field (`POST /v1/customMetadataFields`).
    ///
    /// ```no_run
    /// use imagekitio::api::types::{
    ///     CreateCustomMetadataFieldRequest, CustomMetadataFieldSchemaInput, CustomMetadataFieldType,
    /// };
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let field = CreateCustomMetadataFieldRequest::builder()
    ///     .name("price")
    ///     .label("Price")
    ///     .schema(
    ///         CustomMetadataFieldSchemaInput::builder()
    ///             .type_(CustomMetadataFieldType::Number)
    ///             .min_value(Some(1000.0.into()))
    ///             .max_value(Some(3000.0.into())),
    ///     );
    /// let created = ik.create_custom_metadata_fields(field).await?;
    /// println!("{} {:?}", created.id, created.schema);
    /// # Ok(()) }
    /// ```
    pub async fn create_custom_metadata_fields<B>(
        &self,
        field: B,
    ) -> Result<Response<types::CustomMetadataField>, Error>
    where
        B: TryInto<types::CreateCustomMetadataFieldRequest>,
        B::Error: Display,
    {
        self.call(
            self.api()
                .create_custom_metadata_fields()
                .body(field)
                .send(),
        )
        .await
    }

    /// Lists custom metadata fields (`GET /v1/customMetadataFields`).
    ///
    /// ```no_run
    /// use imagekitio::CustomMetadataFieldsOptions;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let fields = ik
    ///     .get_custom_metadata_fields(&CustomMetadataFieldsOptions::new().include_deleted(true))
    ///     .await?;
    /// for field in fields.iter() {
    ///     println!("{} ({})", field.name, field.label);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_custom_metadata_fields(
        &self,
        options: &CustomMetadataFieldsOptions,
    ) -> Result<Response<types::CustomMetadataFieldList>, Error> {
        let mut request = self.api().get_custom_metadata_fields();
        if let Some(include) = options.include_deleted {
            request = request.include_deleted(include);
        }
        if let Some(path) = &options.folder_path {
            request = request.folder_path(path.clone());
        }
        self.call(request.send()).await
    }

    /// Changes a field's label or schema (`PATCH /v1/customMetadataFields/{id}`).
    ///
    /// ```no_run
    /// use imagekitio::api::types::{CustomMetadataFieldSchemaUpdate, UpdateCustomMetadataFieldRequest};
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), Box<dyn std::error::Error>> {
    /// let change = UpdateCustomMetadataFieldRequest::builder()
    ///     .label(Some("Cost".to_string()))
    ///     .schema(Some(CustomMetadataFieldSchemaUpdate::builder().min_value(Some(500.0.into())).try_into()?));
    /// ik.update_custom_metadata_fields("id_of_custom_metadata_field", change).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_custom_metadata_fields<B>(
        &self,
        field_id: &str,
        change: B,
    ) -> Result<Response<types::CustomMetadataField>, Error>
    where
        B: TryInto<types::UpdateCustomMetadataFieldRequest>,
        B::Error: Display,
    {
        let request = self
            .api()
            .update_custom_metadata_fields()
            .id(field_id)
            .body(change);
        self.call(request.send()).await
    }

    /// Deletes a custom metadata field (`DELETE /v1/customMetadataFields/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_custom_metadata_field("id_of_custom_metadata_field").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_custom_metadata_field(
        &self,
        field_id: &str,
    ) -> Result<Response<()>, Error> {
        self.call_no_content(
            self.api()
                .delete_custom_metadata_field()
                .id(field_id)
                .send(),
        )
        .await
    }
}

/// Filters for [`ImageKit::get_custom_metadata_fields`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
#[must_use]
pub struct CustomMetadataFieldsOptions {
    /// Also list deleted fields.
    pub include_deleted: Option<bool>,
    /// Only fields that apply to this folder.
    pub folder_path: Option<String>,
}

impl CustomMetadataFieldsOptions {
    /// Every field that is not deleted.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also list deleted fields.
    pub fn include_deleted(mut self, include: bool) -> Self {
        self.include_deleted = Some(include);
        self
    }

    /// Only fields that apply to this folder.
    pub fn folder_path(mut self, path: impl Into<String>) -> Self {
        self.folder_path = Some(path.into());
        self
    }
}
