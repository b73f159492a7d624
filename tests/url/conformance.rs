//! The conformance vectors from ImageKit's official Python SDK tests (tests/data/, copied from
//! shared/conformance), run through the public API. Each failure is reported by case id.

use imagekitio::{ImageKit, Transformation, UrlOptions, phash_distance};
use serde_json::Value;

fn cases(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_default()
}

fn report(kind: &str, total: usize, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} of {total} {kind} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Clients by their JSON description: building one sets up an HTTP client, so cases share them.
type Clients = std::collections::HashMap<String, ImageKit>;

fn client(spec: &Value) -> ImageKit {
    let mut builder = ImageKit::builder().private_key(text(spec, "private_key"));
    if let Some(key) = spec["public_key"].as_str() {
        builder = builder.public_key(key);
    }
    if let Some(endpoint) = spec["url_endpoint"].as_str() {
        builder = builder.url_endpoint(endpoint);
    }
    builder.build().expect("conformance clients are valid")
}

fn check_url_case(clients: &mut Clients, case: &Value) -> Result<(), String> {
    let options: UrlOptions = serde_json::from_value(case["options"].clone())
        .map_err(|e| format!("options do not deserialize: {e}"))?;
    let spec = &case["client"];
    let result = clients
        .entry(spec.to_string())
        .or_insert_with(|| client(spec))
        .url(&options);
    let expected = text(case, "expected");
    let assertion = text(case, "assert");
    match (assertion, expected, result) {
        ("equals", "", Err(_)) => Ok(()),
        ("equals", "", Ok(url)) => Err(format!("expected an error, got {url}")),
        (_, _, Err(e)) => Err(format!("unexpected error: {e}")),
        ("equals", expected, Ok(url)) if url == expected => Ok(()),
        ("contains", expected, Ok(url)) if url.contains(expected) => Ok(()),
        ("not_contains", expected, Ok(url)) if !url.contains(expected) => Ok(()),
        (assertion, expected, Ok(url)) => Err(format!("{assertion} {expected}\n      got {url}")),
    }
}

fn check_transformation_case(case: &Value) -> Result<(), String> {
    let rendered: Transformation = serde_json::from_value(case["transformation"].clone())
        .map_err(|e| format!("steps do not deserialize: {e}"))?;
    let expected = text(case, "expected");
    if rendered.as_str() == expected {
        Ok(())
    } else {
        Err(format!(
            "expected {expected:?}, got {:?}",
            rendered.as_str()
        ))
    }
}

#[test]
fn url_generation_cases_produce_the_official_sdks_urls() {
    let cases = cases("url_generation.json");
    assert_eq!(cases.len(), 123, "the vector file holds 123 cases");
    let mut failures = Vec::new();
    let mut clients = Clients::new();
    for case in &cases {
        let outcome = match text(case, "kind") {
            "url" => check_url_case(&mut clients, case),
            "transformation_string" => check_transformation_case(case),
            other => Err(format!("unknown kind {other}")),
        };
        if let Err(why) = outcome {
            failures.push(format!("  {}: {why}", text(case, "id")));
        }
    }
    report("URL generation", cases.len(), failures);
}

#[test]
fn authentication_parameter_cases_sign_token_and_expiry() {
    let cases = cases("auth.json");
    let mut failures = Vec::new();
    for case in &cases {
        let id = text(case, "id");
        let private_key = text(case, "private_key");
        if private_key.is_empty() {
            if ImageKit::new("public", "", "https://ik.imagekit.io/demo").is_ok() {
                failures.push(format!("  {id}: an empty private key was accepted"));
            }
            continue;
        }
        let ik = ImageKit::new("public", private_key, "https://ik.imagekit.io/demo")
            .expect("valid client");
        let expire = match &case["expire"] {
            Value::String(s) => s.parse::<u64>().ok(),
            other => other.as_u64(),
        };
        let token = text(case, "token");
        let got = ik.get_authentication_parameters(Some(token), expire);
        let outcome = if let Some(expected) = case.get("expected") {
            let want = |key: &str| match &expected[key] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if got.token == want("token")
                && got.expire.to_string() == want("expire")
                && got.signature == want("signature")
            {
                Ok(())
            } else {
                Err(format!("expected {expected}, got {got:?}"))
            }
        } else if token.is_empty() {
            let uuid = uuid_v4_shaped(&got.token);
            if uuid && Some(got.expire) == expire && got.signature.len() == 40 {
                Ok(())
            } else {
                Err(format!(
                    "expected a UUID v4 token and expire {expire:?}, got {got:?}"
                ))
            }
        } else {
            Err("case has neither an expected value nor a rule this test knows".into())
        };
        if let Err(why) = outcome {
            failures.push(format!("  {id}: {why}"));
        }
    }
    report("authentication", cases.len(), failures);
}

fn uuid_v4_shaped(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        && groups[2].starts_with('4')
}

#[test]
fn phash_cases_compute_distances_and_reject_invalid_hashes() {
    let cases = cases("phash.json");
    let mut failures = Vec::new();
    for case in &cases {
        let id = text(case, "id");
        // Non-string inputs (numbers in the Python test) reach Rust callers as their digits.
        let as_text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        let got = phash_distance(&as_text(&case["first"]), &as_text(&case["second"]));
        let outcome = match (case["expected"].as_u64(), got) {
            (Some(want), Ok(distance)) if u64::from(distance) == want => Ok(()),
            (None, Err(_)) => Ok(()),
            (want, got) => Err(format!("expected {want:?}, got {got:?}")),
        };
        if let Err(why) = outcome {
            failures.push(format!("  {id}: {why}"));
        }
    }
    report("pHash", cases.len(), failures);
}
