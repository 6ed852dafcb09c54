//! End-to-end tests of the `sozdik` binary.

#[macro_use]
mod util;

mod freq;
mod ml;
mod read;
mod stream;
mod text;
