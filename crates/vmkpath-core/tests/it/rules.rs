//! One focused test per rule of domain.md sections 1-5 and 8, each asserting the observable plan
//! (flows and findings as the public contract names them).

mod encryption;
mod findings;
mod nfc;
mod routing;
mod transports;
mod version_gates;
mod vmotion;
