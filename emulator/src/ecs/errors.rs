//! The errors ECS models, with the statuses ECS answers them with: every client-side exception is
//! a 400 (the code tells them apart), a server fault a 500.

use crate::protocol::AwsError;

pub fn invalid_parameter(message: impl Into<String>) -> AwsError {
    AwsError::new(400, "InvalidParameterException", message)
}

pub fn cluster_not_found() -> AwsError {
    AwsError::new(400, "ClusterNotFoundException", "Cluster not found.")
}

/// What UpdateExpressGatewayService, DeleteExpressGatewayService and the deployment calls answer
/// for a service that does not exist.
pub fn service_not_found() -> AwsError {
    AwsError::new(400, "ServiceNotFoundException", "Service not found.")
}

/// What DescribeExpressGatewayService answers for a service that does not exist (its model lists
/// `ResourceNotFoundException`, not `ServiceNotFoundException`).
pub fn resource_not_found(service_arn: &str) -> AwsError {
    AwsError::new(
        400,
        "ResourceNotFoundException",
        format!("The Express service '{service_arn}' was not found."),
    )
}

pub fn service_not_active(name: &str, status: &str) -> AwsError {
    AwsError::new(
        400,
        "ServiceNotActiveException",
        format!("Service {name} is {status}; only an ACTIVE service can be changed."),
    )
}

/// ECS models no throttling error; AWS then answers with the common `ThrottlingException`.
pub fn throttling(message: impl Into<String>) -> AwsError {
    AwsError::new(400, "ThrottlingException", message)
}

pub fn server(message: impl Into<String>) -> AwsError {
    AwsError::new(500, "ServerException", message)
}

pub fn unknown_operation(operation: &str) -> AwsError {
    AwsError::unknown_operation(format!(
        "The emulator does not implement the ECS operation '{operation}'"
    ))
}
