//! Canvas painting: plain functions from a layout and a viewport to 2D-context calls.

pub mod map;
