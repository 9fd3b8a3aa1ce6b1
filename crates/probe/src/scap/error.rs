//! The error type of the capture reader.

/// Why a capture could not be read.
///
/// Every variant names the offset, in the decompressed stream, of the block where reading
/// stopped, so that a damaged file can be inspected with a hex dump of `zcat FILE`.
#[derive(Debug, thiserror::Error)]
pub enum ScapError {
    /// The underlying file or decompressor failed (including a damaged gzip stream).
    #[error("capture read error in block at offset {offset}: {source}")]
    Io {
        /// Offset of the block being read.
        offset: u64,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The data ends inside a block.
    #[error("capture truncated in {block} block at offset {offset}: {what}")]
    Truncated {
        /// Offset of the block.
        offset: u64,
        /// The kind of block (`event`, `process list`, ...).
        block: &'static str,
        /// What was being read when the data ran out.
        what: String,
    },
    /// A block holds values that contradict the format (bad lengths, bad magic, ...).
    #[error("corrupt {block} block at offset {offset}: {problem}")]
    Corrupt {
        /// Offset of the block.
        offset: u64,
        /// The kind of block.
        block: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// The capture was written by a newer, incompatible format major version.
    #[error("cannot correctly parse the capture. Upgrade your version. (format {major}.{minor}, block at offset {offset})")]
    UnsupportedVersion {
        /// Offset of the section header block.
        offset: u64,
        /// Major format version in the file.
        major: u16,
        /// Minor format version in the file.
        minor: u16,
    },
}

/// A bounds or consistency problem inside one block body, before the block offset is known
/// to the caller; [`BodyError::at`] turns it into a [`ScapError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The body ended while reading the named item.
    Short(String),
    /// The body holds an impossible value.
    Bad(String),
}

impl BodyError {
    pub(crate) fn at(self, offset: u64, block: &'static str) -> ScapError {
        match self {
            BodyError::Short(what) => ScapError::Corrupt {
                offset,
                block,
                problem: format!("block body too short for {what}"),
            },
            BodyError::Bad(problem) => ScapError::Corrupt {
                offset,
                block,
                problem,
            },
        }
    }
}
