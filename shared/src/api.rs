//! The /api/v1 contract (being written).
