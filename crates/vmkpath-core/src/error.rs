//! The one error type: input that cannot be understood, with the path of the bad field.

use std::fmt;

/// Input that cannot be understood: a scenario field, a pasted command output line.
/// `path` names where (`source.vmknics[1].ip`, `line 4`); `message` says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// `make()`, in a function of its own that is never inlined: for the errors of paths valid input
/// never takes. The wasm's split (xtask/src/split.rs) moves every function its reading profile
/// never calls to the module loaded on first use; the built-in scenarios never fail, so an
/// error's formatting, and the text of its message, go there with it. Inlined, they were part of
/// the validator and readers every widget runs.
#[cold]
#[inline(never)]
pub fn cold<T>(make: impl FnOnce() -> T) -> T {
    make()
}
