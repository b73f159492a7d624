//! Named transformations: transformation strings stored under a name, used as `n-<name>`.

use std::fmt::Display;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Lists named transformations (`GET /v1/named-transformations`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// for named in ik.list_named_transformations().await?.iter() {
    ///     println!("{} = {}", named.name, named.transformation);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_named_transformations(
        &self,
    ) -> Result<Response<types::NamedTransformationList>, Error> {
        self.call(self.api().list_named_transformations().send())
            .await
    }

    /// Stores a transformation under a name (`POST /v1/named-transformations`).
    ///
    /// ```no_run
    /// use imagekitio::CreateNamedTransformationRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let request = CreateNamedTransformationRequest::builder()
    ///     .name("thumbnail")
    ///     .transformation("w-200,h-200,c-at_max");
    /// let named = ik.create_named_transformation(request).await?;
    /// println!("{}", named.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_named_transformation<B>(
        &self,
        named: B,
    ) -> Result<Response<types::NamedTransformation>, Error>
    where
        B: TryInto<types::CreateNamedTransformationRequest>,
        B::Error: Display,
    {
        self.call(self.api().create_named_transformation().body(named).send())
            .await
    }

    /// One named transformation (`GET /v1/named-transformations/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let named = ik.get_named_transformation("nt_123").await?;
    /// println!("{}", named.transformation);
    /// # Ok(()) }
    /// ```
    pub async fn get_named_transformation(
        &self,
        id: &str,
    ) -> Result<Response<types::NamedTransformation>, Error> {
        self.call(self.api().get_named_transformation().id(id).send())
            .await
    }

    /// Changes a named transformation (`PATCH /v1/named-transformations/{id}`).
    ///
    /// ```no_run
    /// use imagekitio::UpdateNamedTransformationRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let change = UpdateNamedTransformationRequest::builder().enabled(Some(false));
    /// ik.update_named_transformation("nt_123", change).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_named_transformation<B>(
        &self,
        id: &str,
        change: B,
    ) -> Result<Response<types::NamedTransformation>, Error>
    where
        B: TryInto<types::UpdateNamedTransformationRequest>,
        B::Error: Display,
    {
        self.call(
            self.api()
                .update_named_transformation()
                .id(id)
                .body(change)
                .send(),
        )
        .await
    }

    /// Deletes a named transformation (`DELETE /v1/named-transformations/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_named_transformation("nt_123").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_named_transformation(&self, id: &str) -> Result<Response<()>, Error> {
        self.call_no_content(self.api().delete_named_transformation().id(id).send())
            .await
    }
}
