//! The syscall event source of falcod.
//!
//! For now this crate describes the source to the rules engine: [`syscall_schema`] returns the
//! [`SourceSchema`](falcod_rules::fields::SourceSchema) named `syscall`, with every field of
//! libsinsp's syscall field classes and of the Falco container plugin (which falcod provides
//! natively), and the driver's event types under the names `evt.type` accepts. The eBPF loader,
//! event decoder and process state come later. [`extract`] holds the per-event data model and
//! its field extraction; [`synthetic`] generates deterministic event streams for benchmarks.
//!
//! ```
//! let schema = falcod_probe::syscall_schema();
//! let (field, arg) = schema.fields.resolve("proc.aname", Some("2")).unwrap();
//! assert_eq!((field.name.as_str(), arg.as_deref()), ("proc.aname", Some("2")));
//! let execs = schema.event_types.codes("execve").unwrap();
//! assert!(execs.len() >= 2); // enter and exit events, and older versions
//! ```
#![deny(missing_docs)]

pub mod container;
pub mod extract;
pub mod procfs;
pub mod scap;
pub mod schema;
pub mod state;
pub mod synthetic;

pub use schema::{
    event_names, event_param, syscall_schema, CONTAINER_PLUGIN_COMPAT_VERSION, SYSCALL_SOURCE,
};
