//! A reader and a writer of `.scap` capture files, the savefile format of libscap.
//!
//! A capture is a sequence of blocks, each framed as `type: u32, total_length: u32, body,
//! total_length: u32` (little-endian, lengths including the framing). It starts with a
//! section header, then the machine state at capture start (machine info, process list,
//! one fd list block per process, user/group list, interface list), then one block per
//! event. Files are usually gzip-compressed; [`Reader`] gunzips transparently.
//!
//! ```no_run
//! use falcod_probe::scap::{Block, Reader};
//! let mut reader = Reader::open("capture.scap")?;
//! while let Some(block) = reader.next_block()? {
//!     if let Block::Event(evt) = block {
//!         println!("{} {} {}", evt.ts, evt.tid, evt.name());
//!     }
//! }
//! # Ok::<(), falcod_probe::scap::ScapError>(())
//! ```
//!
//! Events keep the layout their writer gave them: old event codes are not converted to their
//! newer versions, so the parameters are those of the event code as the event table lists
//! them (older writers may have written fewer than the table lists).

mod cursor;
mod error;
mod event;
mod param;
mod reader;
mod tables;
mod writer;

pub use error::ScapError;
pub use event::{EventBatch, EventParser, Hidden, RawEvent};
pub use param::{decode_param, ParamError, ParamValue, SockAddr, SockTuple};
pub use reader::{Block, ReadStats, Reader, MAX_BLOCK_LEN};
pub use tables::{
    FdDetail, FdInfo, GroupInfo, Interface, InterfaceAddr, MachineInfo, ProcInfo, SectionHeader,
    UserInfo, UserList, MAX_MAJOR_VERSION, SHB_MAGIC,
};
pub use writer::{CaptureFile, Compression, EventRecord, ProcLayout, WriteError, Writer};

/// The block types of the format, decoded from their codes (libscap's `*_BLOCK_TYPE*`,
/// including the pre-release `0x80..ABCD` codes it still reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockType {
    /// Section header (`0x0A0D0D0A`).
    Section,
    /// Machine info (`0x201`).
    MachineInfo,
    /// Process list, format version 1 to 9 (`0x202`, `0x207`, `0x209`, `0x210`..`0x215`).
    ProcList(u8),
    /// Fd list (`0x203`; `0x218` with per-entry lengths).
    FdList {
        /// Entries carry their own length.
        v2: bool,
    },
    /// Interface list (`0x205`; `0x219` with per-entry lengths).
    InterfaceList {
        /// Entries carry their own length.
        v2: bool,
    },
    /// User and group list (`0x206`; `0x220` with per-entry lengths).
    UserList {
        /// Entries carry their own length.
        v2: bool,
    },
    /// Event block: `EV` (`0x204`), `EVF` (`0x208`), `EV_V2` (`0x216`), `EVF_V2` (`0x217`),
    /// `EV_V2_LARGE` (`0x221`), `EVF_V2_LARGE` (`0x222`).
    Event {
        /// A 32-bit flags word follows the CPU number.
        with_flags: bool,
        /// The event header stores the parameter count.
        v2: bool,
        /// The block may exceed 64 KiB.
        large: bool,
    },
}

impl BlockType {
    /// The block type of `code`, `None` for codes libscap does not know.
    pub fn from_code(code: u32) -> Option<BlockType> {
        let event = |with_flags, v2, large| BlockType::Event {
            with_flags,
            v2,
            large,
        };
        Some(match code {
            0x0A0D_0D0A => BlockType::Section,
            0x201 | 0x8002_ABCD => BlockType::MachineInfo,
            0x202 | 0x8000_ABCD => BlockType::ProcList(1),
            0x207 | 0x8013_ABCD => BlockType::ProcList(2),
            0x209 | 0x8014_ABCD => BlockType::ProcList(3),
            0x210..=0x215 => BlockType::ProcList((code - 0x210 + 4) as u8),
            0x203 | 0x8001_ABCD => BlockType::FdList { v2: false },
            0x218 => BlockType::FdList { v2: true },
            0x205 | 0x8011_ABCD => BlockType::InterfaceList { v2: false },
            0x219 => BlockType::InterfaceList { v2: true },
            0x206 | 0x8012_ABCD => BlockType::UserList { v2: false },
            0x220 => BlockType::UserList { v2: true },
            0x204 | 0x8010_ABCD => event(false, false, false),
            0x208 => event(true, false, false),
            0x216 => event(false, true, false),
            0x217 => event(true, true, false),
            0x221 => event(false, true, true),
            0x222 => event(true, true, true),
            _ => return None,
        })
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            BlockType::Section => "section header",
            BlockType::MachineInfo => "machine info",
            BlockType::ProcList(_) => "process list",
            BlockType::FdList { .. } => "fd list",
            BlockType::InterfaceList { .. } => "interface list",
            BlockType::UserList { .. } => "user list",
            BlockType::Event { .. } => "event",
        }
    }

    fn is_small_event(self) -> bool {
        matches!(self, BlockType::Event { large: false, .. })
    }
}
