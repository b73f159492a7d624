//! Account usage: totals and analytics over a range of days.

use chrono::NaiveDate;

use crate::{api::types, client::ImageKit, error::Error, response::Response};

impl ImageKit {
    /// Bandwidth, storage and processing used from `start_date` to `end_date`, UTC days
    /// (`GET /v1/accounts/usage`).
    ///
    /// ```no_run
    /// use chrono::NaiveDate;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    /// let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default();
    /// let usage = ik.get_usage(start, end).await?;
    /// println!("{:?} bytes served", usage.bandwidth_bytes);
    /// # Ok(()) }
    /// ```
    pub async fn get_usage(
        &self,
        start_date: NaiveDate,
        end_date: NaiveDate,
    ) -> Result<Response<types::Usage>, Error> {
        let request = self
            .api()
            .get_usage()
            .start_date(start_date)
            .end_date(end_date);
        self.call(request.send()).await
    }

    /// Request and bandwidth breakdowns (browsers, countries, top assets, status codes, ...)
    /// from `start_date` to `end_date`, UTC days, less than 90 days apart
    /// (`GET /v1/accounts/usage-analytics`).
    ///
    /// ```no_run
    /// use chrono::NaiveDate;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    /// let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default();
    /// let analytics = ik.get_usage_analytics(start, end).await?;
    /// println!("{:?} requests", analytics.request_count);
    /// # Ok(()) }
    /// ```
    pub async fn get_usage_analytics(
        &self,
        start_date: NaiveDate,
        end_date: NaiveDate,
    ) -> Result<Response<types::UsageAnalytics>, Error> {
        let request = self
            .api()
            .get_usage_analytics()
            .start_date(start_date)
            .end_date(end_date);
        self.call(request.send()).await
    }
}
