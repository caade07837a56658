//! X-Ray segment documents and the trace tree (being written).
