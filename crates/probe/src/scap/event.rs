//! Event blocks: the event header, the parameter length array and the parameter data.

use std::ops::Range;

use crate::schema::event_layout::{
    category, flags as ef, EventInfo, EVENT_INFO, PPME_INFRASTRUCTURE_EVENT_E, PPME_NOTIFICATION_E,
};

use super::cursor::Cursor;
use super::error::{BodyError, ScapError};
use super::param::{decode_param, ParamError, ParamValue};

/// Header size of an event as stored in old (v1) event blocks: ts, tid, len, type.
const V1_HEADER: usize = 8 + 8 + 4 + 2;
/// Header size of a current event: v1 header plus the parameter count.
const V2_HEADER: usize = V1_HEADER + 4;

/// Why libsinsp consumers never show an event that the capture holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hidden {
    /// The event's category has `EC_INTERNAL`: produced by the libraries, not the kernel.
    /// `procinfo` (code 234) is one: a per-thread CPU time sample (`cpu_usr`, `cpu_sys`) that
    /// the capture writer records for every thread about once a second and at the start and
    /// end of a capture. libsinsp's parser skips it (it has `EF_SKIPPARSERESET`), and sysdig
    /// and Falco drop `EC_INTERNAL` events before output and rules unless debug mode is on.
    /// Such events still count in `evt.num`.
    Internal,
}

/// One event as stored in an event block, borrowing the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct RawEvent<'a> {
    /// Timestamp, nanoseconds since the epoch.
    pub ts: u64,
    /// Thread that produced the event.
    pub tid: u64,
    /// Driver event code.
    pub event_type: u16,
    /// Number of parameters present (old blocks: inferred from the lengths, as libscap does).
    pub nparams: u32,
    /// CPU the event was recorded on.
    pub cpu: u16,
    /// Event flags of `EVF` blocks; `None` for blocks without flags.
    pub flags: Option<u32>,
    /// Whether parameter lengths are 4 bytes wide (events with `EF_LARGE_PAYLOAD`).
    pub large_lengths: bool,
    data: &'a [u8],
    params: &'a [Range<usize>],
}

impl<'a> RawEvent<'a> {
    /// The event table entry of this event's code.
    pub fn info(&self) -> Option<&'static EventInfo> {
        EVENT_INFO.get(usize::from(self.event_type))
    }

    /// The event name (`open`, `procinfo`, ...), `NA` for unknown codes.
    pub fn name(&self) -> &'static str {
        self.info().map_or("NA", |info| info.name)
    }

    /// Whether libsinsp consumers hide this event, and why.
    pub fn hidden(&self) -> Option<Hidden> {
        let cat = self.info().map_or(0, |info| info.category);
        (cat & category::EC_INTERNAL != 0).then_some(Hidden::Internal)
    }

    /// The raw bytes of parameter `i`.
    pub fn param(&self, i: usize) -> Option<&'a [u8]> {
        self.params.get(i).and_then(|r| self.data.get(r.clone()))
    }

    /// The raw bytes of every parameter, in order.
    pub fn params(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.params.len()).filter_map(move |i| self.param(i))
    }

    /// The bytes of all parameters (they follow each other in the event) and the range of
    /// each in the event: subtract the first range's start to index the bytes.
    pub fn param_data(&self) -> (&'a [u8], &'a [Range<usize>]) {
        let start = self.params.first().map_or(0, |r| r.start);
        let end = self.params.last().map_or(start, |r| r.end);
        (self.data.get(start..end).unwrap_or_default(), self.params)
    }

    /// The name of parameter `i` in the event table (`None` past the table's parameters).
    pub fn param_name(&self, i: usize) -> Option<&'static str> {
        self.info()?.params.get(i).map(|p| p.name)
    }

    /// Parameter `i` decoded by its type in the event table.
    pub fn decode(&self, i: usize) -> Result<ParamValue<'a>, ParamError> {
        let info = self
            .info()
            .and_then(|info| info.params.get(i))
            .ok_or(ParamError::NoSuchParam(i))?;
        let raw = self.param(i).ok_or(ParamError::NoSuchParam(i))?;
        decode_param(info, raw)
    }
}

/// Events copied out of a reader's buffer (their bytes and parameter ranges), so that another
/// thread can take them in while the reader goes on.
#[derive(Debug, Default)]
pub struct EventBatch {
    bytes: Vec<u8>,
    params: Vec<Range<usize>>,
    events: Vec<BatchedEvent>,
}

/// One event of an [`EventBatch`]: its header and where its bytes and parameters are.
#[derive(Debug, Clone)]
struct BatchedEvent {
    ts: u64,
    tid: u64,
    event_type: u16,
    nparams: u32,
    cpu: u16,
    flags: Option<u32>,
    large_lengths: bool,
    data: Range<usize>,
    params: Range<usize>,
}

impl EventBatch {
    /// Copies `ev` to the end of the batch; returns its index.
    pub fn push(&mut self, ev: &RawEvent<'_>) -> usize {
        let data = self.bytes.len()..self.bytes.len() + ev.data.len();
        self.bytes.extend_from_slice(ev.data);
        let params = self.params.len()..self.params.len() + ev.params.len();
        self.params.extend_from_slice(ev.params);
        self.events.push(BatchedEvent {
            ts: ev.ts,
            tid: ev.tid,
            event_type: ev.event_type,
            nparams: ev.nparams,
            cpu: ev.cpu,
            flags: ev.flags,
            large_lengths: ev.large_lengths,
            data,
            params,
        });
        self.events.len() - 1
    }

    /// The event at `index`.
    pub fn get(&self, index: usize) -> Option<RawEvent<'_>> {
        let e = self.events.get(index)?;
        Some(RawEvent {
            ts: e.ts,
            tid: e.tid,
            event_type: e.event_type,
            nparams: e.nparams,
            cpu: e.cpu,
            flags: e.flags,
            large_lengths: e.large_lengths,
            data: self.bytes.get(e.data.clone())?,
            params: self.params.get(e.params.clone())?,
        })
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True without events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Empties the batch, keeping its buffers.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.params.clear();
        self.events.clear();
    }
}

/// Parsed layout of an event block, kept by the reader so that the event can borrow its
/// buffer.
#[derive(Debug, Default)]
pub(crate) struct EventLayout {
    pub(crate) ts: u64,
    pub(crate) tid: u64,
    pub(crate) event_type: u16,
    pub(crate) nparams: u32,
    pub(crate) cpu: u16,
    pub(crate) flags: Option<u32>,
    pub(crate) large_lengths: bool,
    /// Byte range of the event (header included) inside the block body.
    pub(crate) event: Range<usize>,
    /// Parameter ranges relative to the event start.
    pub(crate) params: Vec<Range<usize>>,
}

impl EventLayout {
    pub(crate) fn event<'a>(&'a self, body: &'a [u8]) -> RawEvent<'a> {
        RawEvent {
            ts: self.ts,
            tid: self.tid,
            event_type: self.event_type,
            nparams: self.nparams,
            cpu: self.cpu,
            flags: self.flags,
            large_lengths: self.large_lengths,
            data: body.get(self.event.clone()).unwrap_or_default(),
            params: &self.params,
        }
    }
}

/// The shape of an event block type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventBlockKind {
    /// The block has a 32-bit flags word after the CPU number.
    pub(crate) with_flags: bool,
    /// The event header carries `nparams` (v2 and later block types).
    pub(crate) v2: bool,
}

/// Outcome of parsing an event block body.
pub(crate) enum Parsed {
    /// The event is valid and `layout` describes it.
    Event,
    /// The event code is beyond the event table (a newer driver): libscap skips such events.
    FutureType(u16),
}

/// Parses an event block body into `layout` (reusing its parameter vector).
pub(crate) fn parse_event(
    body: &[u8],
    kind: EventBlockKind,
    layout: &mut EventLayout,
) -> Result<Parsed, BodyError> {
    let start = if kind.with_flags { 6 } else { 2 };
    if let Some(h) = body.get(..start) {
        layout.cpu = u16::from_le_bytes(array(h, 0));
        layout.flags = kind.with_flags.then(|| u32::from_le_bytes(array(h, 2)));
    } else {
        // A short block: read field by field for the error naming the missing one.
        let mut c = Cursor::new(body);
        layout.cpu = c.u16("cpu")?;
        layout.flags = if kind.with_flags {
            Some(c.u32("event flags")?)
        } else {
            None
        };
    }
    parse_event_at(body, start, kind.v2, layout)
}

/// Parses the event starting at `start` in `body` (its header, lengths and parameters) into
/// `layout`: shared by event blocks and standalone records.
fn parse_event_at(
    body: &[u8],
    start: usize,
    v2: bool,
    layout: &mut EventLayout,
) -> Result<Parsed, BodyError> {
    let header = if v2 { V2_HEADER } else { V1_HEADER };
    let mut len;
    let stored_nparams;
    if let Some(h) = body.get(start..start + header) {
        // The whole header is there: read it without a check per field.
        layout.ts = u64::from_le_bytes(array(h, 0));
        layout.tid = u64::from_le_bytes(array(h, 8));
        len = u32::from_le_bytes(array(h, 16)) as usize;
        layout.event_type = u16::from_le_bytes(array(h, 20));
        stored_nparams = v2.then(|| u32::from_le_bytes(array(h, 22)));
    } else {
        // A short event: read field by field for the error naming the missing one.
        let mut c = Cursor::new(body.get(start..).unwrap_or_default());
        layout.ts = c.u64("event ts")?;
        layout.tid = c.u64("event tid")?;
        len = c.u32("event len")? as usize;
        layout.event_type = c.u16("event type")?;
        stored_nparams = if v2 {
            Some(c.u32("event nparams")?)
        } else {
            None
        };
    }
    let Some(info) = EVENT_INFO.get(usize::from(layout.event_type)) else {
        return Ok(Parsed::FutureType(layout.event_type));
    };
    let avail = body.len() - start;
    if !v2
        && (layout.event_type == PPME_NOTIFICATION_E
            || layout.event_type == PPME_INFRASTRUCTURE_EVENT_E)
    {
        // Old writers stored a length 3 bytes too long for these two events.
        len = len.saturating_sub(3);
    }
    if len < header {
        return Err(BodyError::Bad(format!(
            "invalid event: len {len} is smaller than the event header size {header}"
        )));
    }
    if len > avail {
        return Err(BodyError::Bad(format!(
            "invalid event: len {len} is larger than the {avail} bytes available in the block"
        )));
    }
    let event = body.get(start..start + len).unwrap_or_default();
    layout.event = start..start + len;
    layout.large_lengths = v2 && info.flags & ef::EF_LARGE_PAYLOAD != 0;
    let nparams = match stored_nparams {
        Some(n) => n,
        None => infer_nparams(event, info.params.len())?,
    };
    layout.nparams = nparams;
    fill_param_ranges(event, header, nparams, layout)?;
    Ok(Parsed::Event)
}

/// A parser of standalone event records: one event as the driver writes it (header, parameter
/// lengths, parameters), outside any capture block, as the live probe delivers them.
///
/// The parser keeps the parameter ranges of the last event, so parsing allocates nothing once
/// it has seen the largest parameter count.
///
/// ```
/// use falcod_probe::scap::EventParser;
/// // close exit (code 5): one parameter, res = 0
/// let mut rec = Vec::new();
/// rec.extend_from_slice(&1_000u64.to_le_bytes()); // ts
/// rec.extend_from_slice(&42u64.to_le_bytes()); // tid
/// rec.extend_from_slice(&(26u32 + 2 + 8).to_le_bytes()); // len
/// rec.extend_from_slice(&5u16.to_le_bytes()); // type
/// rec.extend_from_slice(&1u32.to_le_bytes()); // nparams
/// rec.extend_from_slice(&8u16.to_le_bytes());
/// rec.extend_from_slice(&0i64.to_le_bytes());
/// let mut parser = EventParser::default();
/// let ev = parser.parse(&rec, 1).unwrap();
/// assert_eq!((ev.name(), ev.tid, ev.cpu, ev.param(0)), ("close", 42, 1, Some(&[0u8; 8][..])));
/// ```
#[derive(Debug, Default)]
pub struct EventParser {
    layout: EventLayout,
}

impl EventParser {
    /// Parses `record`, one event recorded on `cpu`; bytes after the event's length are
    /// ignored. Errors name what is inconsistent (offsets are within the record).
    pub fn parse<'a>(&'a mut self, record: &'a [u8], cpu: u16) -> Result<RawEvent<'a>, ScapError> {
        self.layout.cpu = cpu;
        self.layout.flags = None;
        match parse_event_at(record, 0, true, &mut self.layout).map_err(|e| e.at(0, "event"))? {
            Parsed::Event => Ok(self.layout.event(record)),
            Parsed::FutureType(code) => Err(ScapError::Corrupt {
                offset: 0,
                block: "event",
                problem: format!("event code {code} is beyond the event table"),
            }),
        }
    }
}

/// Old event blocks do not store the parameter count. Like libscap, try the current table's
/// count and fewer until the 16-bit lengths add up exactly to the event length; lengths that
/// add up to less than the event for the first count that fits mean a corrupt event.
fn infer_nparams(event: &[u8], table_nparams: usize) -> Result<u32, BodyError> {
    let end = event.len();
    for n in (0..=table_nparams).rev() {
        let lens_end = V1_HEADER + 2 * n;
        if lens_end > end {
            continue;
        }
        let total = (0..n).fold(lens_end, |acc, i| {
            let at = V1_HEADER + 2 * i;
            let len = event
                .get(at..at + 2)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            acc + usize::from(len)
        });
        if total < end {
            return Err(BodyError::Bad(
                "cannot convert v1 event block to v2 (corrupted trace file - can't calculate nparams)"
                    .to_string(),
            ));
        }
        if total == end {
            return u32::try_from(n).map_err(|_| BodyError::Bad("nparams".into()));
        }
    }
    Err(BodyError::Bad(
        "cannot convert v1 event block to v2 (corrupted trace file - can't calculate nparams) (2)"
            .to_string(),
    ))
}

fn fill_param_ranges(
    event: &[u8],
    header: usize,
    nparams: u32,
    layout: &mut EventLayout,
) -> Result<(), BodyError> {
    let width = if layout.large_lengths { 4 } else { 2 };
    let nparams = nparams as usize;
    let lens_bytes = nparams
        .checked_mul(width)
        .filter(|&n| header + n <= event.len())
        .ok_or_else(|| {
            BodyError::Bad(format!(
                "invalid event: nparams {nparams} does not fit in event len {}",
                event.len()
            ))
        })?;
    let lens = event.get(header..header + lens_bytes).unwrap_or_default();
    let mut at = header + lens_bytes;
    layout.params.clear();
    for (i, raw_len) in lens.chunks_exact(width).enumerate() {
        let len = match *raw_len {
            [a, b] => usize::from(u16::from_le_bytes([a, b])),
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]) as usize,
            _ => 0,
        };
        if len > event.len() - at {
            return Err(BodyError::Bad(format!(
                "invalid event: param {i} len {len} exceeds event len {}",
                event.len()
            )));
        }
        layout.params.push(at..at + len);
        at += len;
    }
    Ok(())
}

/// The `N` bytes at `at` of a slice known to hold them.
fn array<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(src) = bytes.get(at..at + N) {
        out.copy_from_slice(src);
    }
    out
}
