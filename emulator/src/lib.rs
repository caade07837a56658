//! AWS App Runner + X-Ray emulator (being written).
