//! The `StartTime`/`EndTime` window of the read operations.

use crate::protocol::{AwsError, AwsResult};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Window {
    pub start: f64,
    pub end: f64,
}

impl Window {
    pub fn required(start: Option<f64>, end: Option<f64>) -> AwsResult<Self> {
        let (Some(start), Some(end)) = (start, end) else {
            return Err(AwsError::invalid_request(
                "StartTime and EndTime are required (epoch seconds)",
            ));
        };
        if !(start.is_finite() && end.is_finite()) || end < start {
            return Err(AwsError::invalid_request(format!(
                "EndTime ({end}) must not be before StartTime ({start})"
            )));
        }
        Ok(Self { start, end })
    }

    pub fn contains(&self, at: f64) -> bool {
        (self.start..=self.end).contains(&at)
    }
}
