//! Request parameters: parsing and validation, pure functions of their input.

pub mod names;
pub mod time;

use shared::api::codes;

use super::error::AppError;

/// The region asked for, which must be configured; no region means the default (the first).
pub fn region(configured: &[String], given: Option<&str>) -> Result<String, AppError> {
    match given.map(str::trim).filter(|r| !r.is_empty()) {
        None => configured
            .first()
            .cloned()
            .ok_or_else(|| AppError::bad_parameter("region", "no region is configured")),
        Some(region) if configured.iter().any(|c| c == region) => Ok(region.to_owned()),
        Some(region) => Err(AppError::parameter(
            codes::UNKNOWN_REGION,
            "region",
            format!(
                "region `{}` is not one runtrace serves; configured: {}",
                region.chars().take(40).collect::<String>(),
                configured.join(", ")
            ),
        )),
    }
}

/// A path parameter checked by `is_valid`; `what` names it in the error.
pub fn checked<'a>(
    value: &'a str,
    is_valid: fn(&str) -> bool,
    what: &str,
    form: &str,
) -> Result<&'a str, AppError> {
    if is_valid(value) {
        Ok(value)
    } else {
        Err(AppError::bad_parameter(
            what,
            format!(
                "`{}` is not a valid {what}: {form}",
                value.chars().take(80).collect::<String>()
            ),
        ))
    }
}
