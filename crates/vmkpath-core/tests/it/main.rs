//! The integration tests of vmkpath-core, as one binary (style.md): the rules of domain.md
//! (`rules`, `links`), invalid input (`validation`), invariants over random scenarios (`properties`,
//! `timing`) and the words every text must or must not use (`texts`, `stun_texts`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;
mod golden;
mod links;
mod properties;
mod rules;
mod stun_texts;
mod texts;
mod timing;
mod validation;
