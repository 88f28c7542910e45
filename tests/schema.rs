//! The JSON Schemas editors use: committed, up to date with the Rust types,
//! accepting every sample and rejecting a typo.

mod common;

use serde_json::Value;

/// Checks `value` against `schema` (the subset of JSON Schema that schemars
/// writes for kalem's types); returns the first problem, with its path.
fn validate(value: &Value, schema: &Value, root: &Value, path: &str) -> Result<(), String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return validate(value, &root["$defs"][name], root, path);
    }
    if let Some(expected) = schema.get("const") {
        if value != expected {
            return Err(format!("{path}: {value} is not {expected}"));
        }
    }
    for (key, need_all) in [("oneOf", false), ("anyOf", false), ("allOf", true)] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let passing = options.iter().filter(|o| validate(value, o, root, path).is_ok()).count();
            let ok = if need_all { passing == options.len() } else { passing >= 1 };
            if !ok {
                return Err(format!("{path}: {value} matches none of the allowed forms"));
            }
        }
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let fits = |t: &str| match t {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            return Err(format!("{path}: {value} is not of type {types:?}"));
        }
    }
    if let (Some(n), Some(min)) = (value.as_f64(), schema.get("minimum").and_then(Value::as_f64)) {
        if n < min {
            return Err(format!("{path}: {n} is below {min}"));
        }
    }
    if let (Some(n), Some(max)) = (value.as_f64(), schema.get("maximum").and_then(Value::as_f64)) {
        if n > max {
            return Err(format!("{path}: {n} is above {max}"));
        }
    }
    if let Some(items) = value.as_array() {
        let len = items.len() as u64;
        if schema.get("minItems").and_then(Value::as_u64).is_some_and(|m| len < m) || schema.get("maxItems").and_then(Value::as_u64).is_some_and(|m| len > m) {
            return Err(format!("{path}: {len} items is the wrong count"));
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(item, item_schema, root, &format!("{path}[{i}]"))?;
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(required) {
                return Err(format!("{path}: missing `{required}`"));
            }
        }
        for (key, item) in object {
            let here = format!("{path}.{key}");
            match (properties.and_then(|p| p.get(key)), schema.get("additionalProperties")) {
                (Some(s), _) => validate(item, s, root, &here)?,
                (None, Some(Value::Bool(false))) => return Err(format!("{here}: unknown key")),
                (None, Some(s)) if s.is_object() => validate(item, s, root, &here)?,
                _ => {}
            }
        }
    }
    Ok(())
}

fn yaml(text: &str) -> Value {
    serde_yaml_ng::from_str(text).expect("sample is YAML")
}

fn committed(name: &str) -> Value {
    let text = std::fs::read_to_string(common::repo().join("schema").join(name)).expect("committed schema");
    serde_json::from_str(&text).expect("schema is JSON")
}

#[test]
fn committed_schemas_match_the_rust_types() {
    for (name, schema) in kalem::model::schema::schemas() {
        assert_eq!(committed(name), schema, "schema/{name} is out of date: run `cargo run -- schema`");
    }
}

#[test]
fn every_sample_validates() {
    let config = committed("kalem.schema.json");
    validate(&yaml(&std::fs::read_to_string(common::repo().join("kalem.yaml")).unwrap()), &config, &config, "kalem.yaml").unwrap();
    let brochure = committed("brochure.schema.json");
    let mut count = 0;
    for entry in std::fs::read_dir(common::repo().join("brochures")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../schema/brochure.schema.json"), "{} does not reference the schema", path.display());
        validate(&yaml(&text), &brochure, &brochure, &path.display().to_string()).unwrap();
        count += 1;
    }
    assert!(count >= 4, "only {count} samples");
}

#[test]
fn a_typo_in_a_key_or_a_value_is_rejected() {
    let brochure = committed("brochure.schema.json");
    let text = std::fs::read_to_string(common::repo().join("brochures/human-trafficking.yaml")).unwrap();
    let key_typo = yaml(&text.replacen("valign: middle", "valgin: middle", 1));
    let err = validate(&key_typo, &brochure, &brochure, "brochure").unwrap_err();
    assert!(err.contains("valgin") && err.contains("unknown key"), "{err}");
    let value_typo = yaml(&text.replacen("format: a4-trifold", "format: a4-trfold", 1));
    let err = validate(&value_typo, &brochure, &brochure, "brochure").unwrap_err();
    assert!(err.contains("format"), "{err}");
}
