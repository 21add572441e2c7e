//! Analyses built on the case engine (docs/model.md section 4): the gap matrix, and (in later
//! modules) weak zones, reforms and change over time.
//!
//! **Invariant:** no I/O; analyses take a [`crate::rules::Law`] and return plain data that
//! `report` writes out.

pub mod batch;
pub mod gaps;
pub mod priorities;
pub mod reforms;
pub mod time;
pub mod weights;
pub mod zones;
