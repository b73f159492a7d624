//! URL endpoints: the URL prefixes that map to origins.

use std::fmt::Display;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Lists URL endpoints (`GET /v1/accounts/url-endpoints`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// for endpoint in ik.list_url_endpoints().await?.iter() {
    ///     println!("{:?} -> {:?}", endpoint.url_prefix, endpoint.origins);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_url_endpoints(&self) -> Result<Response<types::UrlEndpointList>, Error> {
        self.call(self.api().list_url_endpoints().send()).await
    }

    /// Adds a URL endpoint (`POST /v1/accounts/url-endpoints`).
    ///
    /// ```no_run
    /// use imagekitio::api::types::UrlEndpointRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let endpoint = UrlEndpointRequest::builder()
    ///     .description("Product images")
    ///     .url_prefix(Some("products".to_string()))
    ///     .origins(vec!["origin_id".to_string()]);
    /// let created = ik.create_url_endpoint(endpoint).await?;
    /// println!("{}", created.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_url_endpoint<B>(
        &self,
        endpoint: B,
    ) -> Result<Response<types::UrlEndpoint>, Error>
    where
        B: TryInto<types::UrlEndpointRequest>,
        B::Error: Display,
    {
        self.call(self.api().create_url_endpoint().body(endpoint).send())
            .await
    }

    /// One URL endpoint (`GET /v1/accounts/url-endpoints/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let endpoint = ik.get_url_endpoint("endpoint_id").await?;
    /// println!("{:?}", endpoint.url_prefix);
    /// # Ok(()) }
    /// ```
    pub async fn get_url_endpoint(&self, id: &str) -> Result<Response<types::UrlEndpoint>, Error> {
        self.call(self.api().get_url_endpoint().id(id).send()).await
    }

    /// Replaces a URL endpoint's configuration (`PUT /v1/accounts/url-endpoints/{id}`).
    ///
    /// ```no_run
    /// use imagekitio::api::types::UrlEndpointRequest;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let endpoint = UrlEndpointRequest::builder()
    ///     .description("Product images, two origins")
    ///     .origins(vec!["origin_a".to_string(), "origin_b".to_string()]);
    /// ik.update_url_endpoint("endpoint_id", endpoint).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_url_endpoint<B>(
        &self,
        id: &str,
        endpoint: B,
    ) -> Result<Response<types::UrlEndpoint>, Error>
    where
        B: TryInto<types::UrlEndpointRequest>,
        B::Error: Display,
    {
        self.call(
            self.api()
                .update_url_endpoint()
                .id(id)
                .body(endpoint)
                .send(),
        )
        .await
    }

    /// Removes a URL endpoint (`DELETE /v1/accounts/url-endpoints/{id}`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// ik.delete_url_endpoint("endpoint_id").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_url_endpoint(&self, id: &str) -> Result<Response<()>, Error> {
        self.call_no_content(self.api().delete_url_endpoint().id(id).send())
            .await
    }
}
