//! The transformation language through its three doors (`transform!`, the builder, the
//! list-of-steps form): one test binary, a module per concern. (`generated` keeps its own
//! binary: it compiles codegen/ and progenitor to check the checked-in generated code.)

mod forms;
mod overlays;
mod seeds;
mod transform_macro;
mod ui;
