//! The streaming block reader.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::ops::Range;
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use super::error::{BodyError, ScapError};
use super::event::{parse_event, EventBlockKind, EventLayout, Parsed, RawEvent};
use super::tables::{self, Interface, MachineInfo, ProcInfo, SectionHeader, UserList};
use super::tables::{FdInfo, MAX_MAJOR_VERSION, SHB_MAGIC};
use super::BlockType;

/// Largest block accepted, whatever its type: far above anything libscap writes, low enough
/// that a corrupt length cannot make the reader hold gigabytes.
pub const MAX_BLOCK_LEN: u32 = 256 << 20;
/// Largest event block of the non-large types (libscap's read buffer: 64 KiB after the header).
const MAX_SMALL_EVENT_BLOCK: u32 = (1 << 16) + 8;
/// Block header (type, length) plus trailer (length).
const FRAMING: u32 = 12;
/// How many warning texts are kept (all are counted).
const MAX_WARNINGS: usize = 32;
/// How much is read from the source at once: blocks are parsed in place in this buffer, so a
/// block costs no copy and a read call serves thousands of events.
const CHUNK: usize = 1 << 20;

/// One block of a capture, in file order.
#[derive(Debug)]
pub enum Block<'a> {
    /// A section header: starts the file (and every concatenated section).
    Section(SectionHeader),
    /// The machine info block.
    MachineInfo(MachineInfo),
    /// A process list block: the threads alive when the capture started.
    Processes(Vec<ProcInfo>),
    /// An fd list block: the open fds of thread `tid`.
    Fds {
        /// The thread (libsinsp attaches the fds to this thread's process).
        tid: u64,
        /// Its fds.
        fds: Vec<FdInfo>,
    },
    /// The user and group list block.
    Users(UserList),
    /// The interface list block.
    Interfaces(Vec<Interface>),
    /// An event; it borrows the reader until the next call.
    Event(RawEvent<'a>),
}

/// What was read so far, beyond the blocks themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Blocks read, by block type code (skipped blocks included).
    pub blocks: BTreeMap<u32, u64>,
    /// Blocks of unknown type skipped by their length.
    pub unknown_blocks: u64,
    /// Events whose code is beyond the event table, skipped as libscap skips them.
    pub future_events: u64,
    /// The first warnings, as text.
    pub warnings: Vec<String>,
}

/// A streaming reader of `.scap` captures (gzip-compressed or not).
pub struct Reader {
    src: Box<dyn Read + Send>,
    /// Offset of the next block in the decompressed stream.
    offset: u64,
    /// Bytes read from the source; `buf[start..end]` are not consumed yet.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// The body of the last block read, inside `buf`.
    body: Range<usize>,
    layout: EventLayout,
    stats: ReadStats,
    /// Blocks of type `hot.0` counted since the last change of block type, not yet added to
    /// `stats.blocks` (a map update per event block costs more than parsing its header).
    hot: (u32, u64),
    section: Option<SectionHeader>,
    done: bool,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("offset", &self.offset)
            .field("section", &self.section)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl Reader {
    /// Opens the capture at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Reader, ScapError> {
        let file = File::open(path).map_err(|source| ScapError::Io { offset: 0, source })?;
        Reader::new(file)
    }

    /// Reads a capture from `src`, gunzipping it when it starts with the gzip magic.
    pub fn new(src: impl Read + Send + 'static) -> Result<Reader, ScapError> {
        let mut buffered = BufReader::with_capacity(64 * 1024, src);
        let head = buffered
            .fill_buf()
            .map_err(|source| ScapError::Io { offset: 0, source })?;
        let src: Box<dyn Read + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(MultiGzDecoder::new(buffered))
        } else {
            Box::new(buffered)
        };
        Ok(Reader {
            src,
            offset: 0,
            buf: Vec::new(),
            start: 0,
            end: 0,
            body: 0..0,
            layout: EventLayout::default(),
            stats: ReadStats::default(),
            hot: (0, 0),
            section: None,
            done: false,
        })
    }

    /// The section header in effect (after the first block).
    pub fn section(&self) -> Option<&SectionHeader> {
        self.section.as_ref()
    }

    /// Counts and warnings so far.
    pub fn stats(&self) -> ReadStats {
        let mut stats = self.stats.clone();
        if self.hot.1 > 0 {
            *stats.blocks.entry(self.hot.0).or_insert(0) += self.hot.1;
        }
        stats
    }

    /// Counts a block of type `block_type`.
    fn count_block(&mut self, block_type: u32) {
        if self.hot.0 == block_type {
            self.hot.1 += 1;
            return;
        }
        if self.hot.1 > 0 {
            *self.stats.blocks.entry(self.hot.0).or_insert(0) += self.hot.1;
        }
        self.hot = (block_type, 1);
    }

    /// Offset, in the decompressed stream, of the next block.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The next block, `None` at the end of the capture. After an error the reader is done.
    pub fn next_block(&mut self) -> Result<Option<Block<'_>>, ScapError> {
        if self.done {
            return Ok(None);
        }
        loop {
            match self.read_block() {
                Ok(Step::End) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(Step::Skipped) => continue,
                Ok(Step::Table(block)) => return Ok(Some(block)),
                Ok(Step::Event) => {
                    let body = self.buf.get(self.body.clone()).unwrap_or_default();
                    return Ok(Some(Block::Event(self.layout.event(body))));
                }
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
    }

    fn warn(&mut self, text: String) {
        if self.stats.warnings.len() < MAX_WARNINGS {
            self.stats.warnings.push(text);
        }
    }

    /// Makes at least `n` unconsumed bytes available in `buf` (fewer at the end of the input);
    /// returns how many there are.
    #[inline]
    fn fill(&mut self, n: usize) -> Result<usize, ScapError> {
        if self.end - self.start >= n {
            return Ok(self.end - self.start);
        }
        self.refill(n)
    }

    /// [`Reader::fill`] when the buffer holds fewer than `n` bytes.
    #[cold]
    fn refill(&mut self, n: usize) -> Result<usize, ScapError> {
        // Move the unconsumed tail (less than one block) to the front, then read big chunks.
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.buf.len() < n.max(CHUNK) {
            self.buf.resize(n.max(CHUNK), 0);
        }
        while self.end < n {
            let free = self.buf.get_mut(self.end..).unwrap_or_default();
            match self.src.read(free) {
                Ok(0) => break,
                Ok(got) => self.end += got,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(ScapError::Io {
                        offset: self.offset,
                        source,
                    })
                }
            }
        }
        Ok(self.end)
    }

    /// The unconsumed bytes `at..at + len` past the current block start.
    fn unconsumed(&self, at: usize, len: usize) -> &[u8] {
        let from = self.start + at;
        self.buf.get(from..from + len).unwrap_or_default()
    }

    fn read_block(&mut self) -> Result<Step, ScapError> {
        let offset = self.offset;
        let got = self.fill(8)?.min(8);
        if got == 0 {
            if self.section.is_none() {
                return Err(corrupt(offset, "section header", "empty capture".into()));
            }
            return Ok(Step::End);
        }
        let mut header = [0u8; 8];
        header
            .get_mut(..got)
            .unwrap_or_default()
            .copy_from_slice(self.unconsumed(0, got));
        let [t0, t1, t2, t3, l0, l1, l2, l3] = header;
        let block_type = u32::from_le_bytes([t0, t1, t2, t3]);
        let total_len = u32::from_le_bytes([l0, l1, l2, l3]);
        let kind = BlockType::from_code(block_type);
        let name = kind.map_or("unknown", BlockType::name);
        if got < header.len() {
            return Err(truncated(
                offset,
                name,
                format!("block header ({got} of 8 bytes)"),
            ));
        }
        if self.section.is_none() && kind != Some(BlockType::Section) {
            return Err(corrupt(
                offset,
                name,
                format!(
                    "invalid block type {block_type:#x}: a capture starts with a section header"
                ),
            ));
        }
        if !(FRAMING..=MAX_BLOCK_LEN).contains(&total_len) {
            return Err(corrupt(
                offset,
                name,
                format!("invalid block length {total_len}"),
            ));
        }
        if kind.is_some_and(BlockType::is_small_event) && total_len > MAX_SMALL_EVENT_BLOCK {
            return Err(corrupt(
                offset,
                name,
                format!("event block length {total_len} greater than the 64 KiB limit of its type"),
            ));
        }
        let body_len = (total_len - FRAMING) as usize;
        let avail = self.fill(total_len as usize)?;
        if avail < 8 + body_len {
            let got = avail - 8;
            return Err(truncated(
                offset,
                name,
                format!("block body ({got} of {body_len} bytes)"),
            ));
        }
        if avail < total_len as usize {
            return Err(truncated(offset, name, "block trailer".into()));
        }
        let mut trailer = [0u8; 4];
        trailer.copy_from_slice(self.unconsumed(8 + body_len, 4));
        let trailer = u32::from_le_bytes(trailer);
        if trailer != total_len {
            return Err(corrupt(
                offset,
                name,
                format!("wrong block total length, header={total_len}, trailer={trailer}"),
            ));
        }
        self.body = self.start + 8..self.start + 8 + body_len;
        self.start += total_len as usize;
        self.offset += u64::from(total_len);
        self.count_block(block_type);
        let Some(kind) = kind else {
            self.stats.unknown_blocks += 1;
            self.warn(format!(
                "skipped block of unknown type {block_type:#x} ({total_len} bytes) at offset {offset}"
            ));
            return Ok(Step::Skipped);
        };
        self.parse_body(kind, offset)
    }

    fn parse_body(&mut self, kind: BlockType, offset: u64) -> Result<Step, ScapError> {
        let name = kind.name();
        let at = |e: BodyError| e.at(offset, name);
        let body = self.buf.get(self.body.clone()).unwrap_or_default();
        let table = match kind {
            BlockType::Section => {
                let (magic, section) = tables::parse_section(body).map_err(at)?;
                if magic != SHB_MAGIC {
                    let problem = if magic.swap_bytes() == SHB_MAGIC {
                        "invalid magic number (byte-swapped capture, not supported)"
                    } else {
                        "invalid magic number"
                    };
                    return Err(corrupt(offset, name, problem.into()));
                }
                if section.major > MAX_MAJOR_VERSION {
                    return Err(ScapError::UnsupportedVersion {
                        offset,
                        major: section.major,
                        minor: section.minor,
                    });
                }
                self.section = Some(section.clone());
                Block::Section(section)
            }
            BlockType::MachineInfo => {
                Block::MachineInfo(tables::parse_machine_info(body).map_err(at)?)
            }
            BlockType::ProcList(version) => {
                Block::Processes(tables::parse_proclist(body, version).map_err(at)?)
            }
            BlockType::FdList { v2 } => {
                let (tid, fds) = tables::parse_fdlist(body, v2).map_err(at)?;
                Block::Fds { tid, fds }
            }
            BlockType::UserList { v2 } => {
                Block::Users(tables::parse_userlist(body, v2).map_err(at)?)
            }
            BlockType::InterfaceList { v2 } => {
                Block::Interfaces(tables::parse_iflist(body, v2).map_err(at)?)
            }
            BlockType::Event { with_flags, v2, .. } => {
                let kind = EventBlockKind { with_flags, v2 };
                return match parse_event(body, kind, &mut self.layout).map_err(at)? {
                    Parsed::Event => Ok(Step::Event),
                    Parsed::FutureType(code) => {
                        self.stats.future_events += 1;
                        self.warn(format!(
                            "skipped event of unknown type {code} at offset {offset}"
                        ));
                        Ok(Step::Skipped)
                    }
                };
            }
        };
        Ok(Step::Table(table))
    }
}

/// What one block turned out to be.
enum Step {
    End,
    Skipped,
    Table(Block<'static>),
    Event,
}

fn corrupt(offset: u64, block: &'static str, problem: String) -> ScapError {
    ScapError::Corrupt {
        offset,
        block,
        problem,
    }
}

fn truncated(offset: u64, block: &'static str, what: String) -> ScapError {
    ScapError::Truncated {
        offset,
        block,
        what,
    }
}
