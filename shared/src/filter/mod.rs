//! The X-Ray filter-expression language (being written).
