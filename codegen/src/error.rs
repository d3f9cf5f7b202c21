//! The one error type of the generator: where in which file, and what was expected.

use std::fmt;
use std::path::PathBuf;

/// A WSDL the generator cannot turn into Rust.
///
/// Its `Display` is the whole message a build script prints:
/// `path/to/API.asmx.wsdl:12:7: expected …`.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    /// The WSDL file (or the name given for in-memory input).
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<u32>,
    /// 1-based column, when the problem has a place in the file.
    pub column: Option<u32>,
    /// What was wrong, phrased as what was expected.
    pub message: String,
}

impl Error {
    pub(crate) fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// The position, unless a more precise one is already set.
    pub(crate) fn or_at(self, pos: Option<(u32, u32)>) -> Self {
        if self.line.is_some() {
            self
        } else {
            self.at(pos)
        }
    }

    pub(crate) fn at(mut self, pos: Option<(u32, u32)>) -> Self {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The same one line as `Display`: a build script's `main` that returns this
/// error with `?` prints `Error: file:line:col: message`, not a struct dump.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_reads_like_display() {
        let e = super::Error::new("a.wsdl", "expected x").at(Some((3, 7)));
        assert_eq!(format!("{e:?}"), "a.wsdl:3:7: expected x");
    }
}
