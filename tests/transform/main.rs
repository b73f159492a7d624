//! The transformation language through its three doors (`transform!`, the builder, the
//! list-of-steps form): one test binary, a module per concern. (`transform_vocabulary` keeps
//! its own binary: it compiles build/'s generator to check the checked-in table.)

mod forms;
mod overlays;
mod seeds;
mod transform_macro;
mod ui;
