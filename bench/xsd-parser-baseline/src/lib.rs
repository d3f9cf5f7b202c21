//! xsd-parser's generated types for the Rescue schema.
#![allow(clippy::all, missing_docs, unused)]
include!(concat!(env!("OUT_DIR"), "/xsd_parser_api.rs"));
