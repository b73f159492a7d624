//! Account usage and usage analytics.

use crate::common::{Harness, api, example, json};
use chrono::NaiveDate;

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

#[tokio::test]
async fn get_usage_sends_start_and_end_date_as_days_and_decodes_the_totals() {
    let h = Harness::start().await;
    h.expect(
        api(
            "GET",
            "/v1/accounts/usage?startDate=2026-10-01&endDate=2026-11-01",
        ),
        json(200, example("Usage")),
    )
    .await;

    let usage = h.succeeds(h.ik.get_usage(day(10, 1), day(11, 1))).await;

    assert_eq!(usage.bandwidth_bytes, Some(21_991_583_578));
    assert_eq!(usage.media_library_storage_bytes, Some(1_878_758_298));
    assert_eq!(usage.video_processing_units_count, Some(0));
}

#[tokio::test]
async fn get_usage_analytics_sends_start_and_end_date_and_decodes_the_breakdowns() {
    let h = Harness::start().await;
    h.expect(
        api(
            "GET",
            "/v1/accounts/usage-analytics?startDate=2026-10-01&endDate=2026-10-31",
        ),
        json(200, example("UsageAnalytics")),
    )
    .await;

    let analytics = h
        .succeeds(h.ik.get_usage_analytics(day(10, 1), day(10, 31)))
        .await;

    assert_eq!(analytics.request_count, Some(120_000));
    let top_browser = &analytics.browser.as_ref().unwrap().by_bandwidth[0];
    assert_eq!(top_browser.name.as_deref(), Some("Chrome"));
    assert_eq!(analytics.cache.as_ref().unwrap().hit_count, Some(110_000));
    assert_eq!(analytics.status_codes[0].name.as_deref(), Some("200"));
}
