//! Custom metadata fields: create, list, update, delete.

use crate::common::{Harness, api, example, json, no_content};
use imagekitio::{
    CustomMetadataFieldsOptions,
    api::types::{
        CreateCustomMetadataFieldRequest, CustomMetadataFieldSchemaInput,
        CustomMetadataFieldSchemaUpdate, CustomMetadataFieldType, MetadataScalar, StringOrNumber,
        UpdateCustomMetadataFieldRequest,
    },
};
use serde_json::json;
use wiremock::matchers::body_json;

const FIELD_ID: &str = "598821f949c0a938d57563dd";

#[tokio::test]
async fn create_custom_metadata_fields_posts_name_label_and_schema_and_returns_the_field() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/customMetadataFields").and(body_json(json!({
            "name": "price",
            "label": "price",
            "schema": {"type": "Number", "minValue": 1000.0, "maxValue": 3000.0},
        }))),
        json(201, example("CustomMetadataField")),
    )
    .await;

    let field = CreateCustomMetadataFieldRequest::builder()
        .name("price")
        .label("price")
        .schema(
            CustomMetadataFieldSchemaInput::builder()
                .type_(CustomMetadataFieldType::Number)
                .min_value(Some(1000.0.into()))
                .max_value(Some(3000.0.into())),
        );
    let created = h.succeeds(h.ik.create_custom_metadata_fields(field)).await;

    assert_eq!(created.id, FIELD_ID);
    assert_eq!(created.name, "price");
    let schema = created.schema.as_ref().unwrap();
    assert_eq!(schema.type_.as_deref(), Some("Number"));
    assert!(matches!(schema.min_value, Some(StringOrNumber::Number(n)) if n == 1000.0));
}

#[tokio::test]
async fn get_custom_metadata_fields_sends_include_deleted_and_folder_path_and_lists_fields() {
    let h = Harness::start().await;
    let select = json!({
        "id": "598821f949c0a938d57563de",
        "name": "color",
        "label": "Color",
        "schema": {
            "type": "SingleSelect",
            "selectOptions": ["red", "green", 7, true],
            "defaultValue": "red",
            "isValueRequired": true,
        },
    });
    h.expect(
        api(
            "GET",
            "/v1/customMetadataFields?includeDeleted=true&folderPath=/products/shoes",
        ),
        json(200, json!([example("CustomMetadataField"), select])),
    )
    .await;

    let options = CustomMetadataFieldsOptions::new()
        .include_deleted(true)
        .folder_path("/products/shoes");
    let fields = h.succeeds(h.ik.get_custom_metadata_fields(&options)).await;

    let names: Vec<_> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["price", "color"]);
    let options = &fields[1].schema.as_ref().unwrap().select_options;
    assert!(matches!(
        options.as_slice(),
        [
            MetadataScalar::String(_),
            MetadataScalar::String(_),
            MetadataScalar::Number(_),
            MetadataScalar::Boolean(true)
        ]
    ));
}

#[tokio::test]
async fn update_custom_metadata_fields_patches_label_and_schema_of_the_field() {
    let h = Harness::start().await;
    let mut updated = example("CustomMetadataField");
    updated["label"] = json!("Cost");
    updated["schema"]["minValue"] = json!(500);
    h.expect(
        api("PATCH", "/v1/customMetadataFields/598821f949c0a938d57563dd").and(body_json(
            json!({"label": "Cost", "schema": {"minValue": 500.0}}),
        )),
        json(200, updated),
    )
    .await;

    let schema: CustomMetadataFieldSchemaUpdate = CustomMetadataFieldSchemaUpdate::builder()
        .min_value(Some(500.0.into()))
        .try_into()
        .unwrap();
    let change = UpdateCustomMetadataFieldRequest::builder()
        .label(Some("Cost".to_string()))
        .schema(Some(schema));
    let field = h
        .succeeds(h.ik.update_custom_metadata_fields(FIELD_ID, change))
        .await;

    assert_eq!(field.label, "Cost");
    assert!(matches!(
        field.schema.as_ref().unwrap().min_value,
        Some(StringOrNumber::Number(n)) if n == 500.0
    ));
}

#[tokio::test]
async fn delete_custom_metadata_field_deletes_by_id() {
    let h = Harness::start().await;
    h.expect(
        api(
            "DELETE",
            "/v1/customMetadataFields/598821f949c0a938d57563dd",
        ),
        no_content(),
    )
    .await;

    let deleted = h
        .succeeds(h.ik.delete_custom_metadata_field(FIELD_ID))
        .await;

    assert_eq!(deleted.metadata().http_status_code(), 204);
}
