//! End-to-end tests of the `sozdik` binary.

#[macro_use]
mod util;

mod freq;
mod read;
mod text;
