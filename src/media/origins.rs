//! Origins: the storages (S3, GCS, Azure, web servers, ...) ImageKit fetches originals from.

use std::fmt::Display;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Lists origins (`GET /v1/accounts/origins`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// for origin in ik.list_origins().await?.iter() {
    ///     println!("{} ({})", origin.name, origin.type_);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_origins(&self) -> Result<Response<types::OriginList>, Error> {
        self.call(self.api().list_origins().send()).await
    }

    /// Adds an origin (`POST /v1/accounts/origins`).
    ///
    /// ```no_run
    /// use imagekitio::OriginRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let origin = OriginRequest::builder()
    ///     .name("Product images")
    ///     .type_("S3")
    ///     .bucket("product-images".to_string())
    ///     .access_key("AKIA...".to_string())
    ///     .secret_key("...".to_string());
    /// let created = ik.create_origin(origin).await?;
    /// println!("{}", created.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_origin<B>(&self, origin: B) -> Result<Response<types::Origin>, Error>
    where
        B: TryInto<types::OriginRequest>,
        B::Error: Display,
    {
        self.call(self.api().create_origin().body(origin).send())
            .await
    }

    /// One origin (`GET /v1/accounts/origins/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let origin = ik.get_origin("origin_id").await?;
    /// println!("{:?}", origin.bucket);
    /// # Ok(()) }
    /// ```
    pub async fn get_origin(&self, id: &str) -> Result<Response<types::Origin>, Error> {
        self.call(self.api().get_origin().id(id).send()).await
    }

    /// Replaces an origin's configuration (`PUT /v1/accounts/origins/{id}`).
    ///
    /// ```no_run
    /// use imagekitio::OriginRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let origin = OriginRequest::builder()
    ///     .name("Website")
    ///     .type_("WEB_FOLDER")
    ///     .base_url("https://www.example.com/images".to_string());
    /// ik.update_origin("origin_id", origin).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_origin<B>(
        &self,
        id: &str,
        origin: B,
    ) -> Result<Response<types::Origin>, Error>
    where
        B: TryInto<types::OriginRequest>,
        B::Error: Display,
    {
        self.call(self.api().update_origin().id(id).body(origin).send())
            .await
    }

    /// Removes an origin (`DELETE /v1/accounts/origins/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_origin("origin_id").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_origin(&self, id: &str) -> Result<Response<()>, Error> {
        self.call_no_content(self.api().delete_origin().id(id).send())
            .await
    }
}
