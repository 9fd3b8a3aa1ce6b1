//! Bounds-checked little-endian reads over a block body.

use super::error::BodyError;

/// A read position in a byte slice; every read checks the remaining length.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Cursor<'a> {
        Cursor { buf, pos: 0 }
    }

    /// Bytes consumed so far.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub(crate) fn bytes(&mut self, n: usize, what: &str) -> Result<&'a [u8], BodyError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.buf.len())
            .ok_or_else(|| BodyError::Short(format!("{what} ({n} bytes at {})", self.pos)))?;
        let out = self.buf.get(self.pos..end).unwrap_or_default();
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn skip(&mut self, n: usize, what: &str) -> Result<(), BodyError> {
        self.bytes(n, what).map(|_| ())
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], BodyError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N, what)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self, what: &str) -> Result<u8, BodyError> {
        Ok(self.array::<1>(what)?[0])
    }

    pub(crate) fn u16(&mut self, what: &str) -> Result<u16, BodyError> {
        self.array(what).map(u16::from_le_bytes)
    }

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32, BodyError> {
        self.array(what).map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self, what: &str) -> Result<u64, BodyError> {
        self.array(what).map(u64::from_le_bytes)
    }

    pub(crate) fn i64(&mut self, what: &str) -> Result<i64, BodyError> {
        self.array(what).map(i64::from_le_bytes)
    }

    pub(crate) fn ip6(&mut self, what: &str) -> Result<[u8; 16], BodyError> {
        self.array(what)
    }

    /// A string stored as a 16-bit length and that many bytes (not NUL-terminated), refused
    /// when longer than `max` as libscap refuses it.
    pub(crate) fn str16(&mut self, max: usize, what: &str) -> Result<&'a [u8], BodyError> {
        let len = usize::from(self.u16(what)?);
        if len > max {
            return Err(BodyError::Bad(format!(
                "invalid {what} length {len} (max {max})"
            )));
        }
        self.bytes(len, what)
    }
}

/// Text of a string field: bytes up to the first NUL, lossily decoded.
pub(crate) fn text(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(bytes.get(..end).unwrap_or_default()).into_owned()
}
