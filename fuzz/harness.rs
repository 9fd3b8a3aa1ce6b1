//! What each fuzz target does with one input, shared by the targets (`fuzz_targets/*.rs`, one
//! function each) and by `crates/falcod/tests/fuzz_corpus.rs`, which replays every committed
//! seed and kept crash through the same functions in the ordinary test run.
//!
//! Each function must never panic on any input: errors are reported, and the assertions below
//! are properties the parsers promise.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, OnceLock};

use falcod::config::keys::unknown_key_warnings;
use falcod::config::load::entries;
use falcod::config::DaemonConfig;
use falcod::settings::{parse_mapping, MergeStrategy, Settings};
use falcod_probe::scap::{Block, EventParser, RawEvent, Reader, Writer};
use falcod_probe::state::State;
use falcod_rules::ast::{Expr, ExprKind, Rhs, Span};
use falcod_rules::event::{Event, FieldArg, FieldRequest, Values};
use falcod_rules::fields::{FieldType, SourceSchema};
use falcod_rules::format::OutputFormat;
use falcod_rules::parse::{
    canonical_form_reads_back, parse_condition_with, parse_field_or_transformer, ParseOptions,
    ParsePos, FALCO_MAX_DEPTH,
};
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
use serde_json::Map;

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// The targets, by name (the names of `fuzz/corpus/<target>/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("condition", condition),
    ("rules_file", rules_file),
    ("output_format", output_format),
    ("falco_yaml", falco_yaml),
    ("o_option", o_option),
    ("scap_reader", scap_reader),
    ("ringbuf_record", ringbuf_record),
];

// ---- condition -------------------------------------------------------------------------------

/// `Rhs` compares the span of a list-name identifier; positions differ after printing.
fn clear_identifier_spans(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::And(c) | ExprKind::Or(c) => c.iter_mut().for_each(clear_identifier_spans),
        ExprKind::Not(c) => clear_identifier_spans(c),
        ExprKind::Compare {
            rhs: Rhs::Identifier(_, span),
            ..
        } => *span = Span::default(),
        _ => {}
    }
}

/// The condition parser: never panics, and a parsed condition whose canonical form is meant to
/// read back prints and re-parses to the same tree, printing identically again.
pub fn condition(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let opts = ParseOptions {
        max_depth: FALCO_MAX_DEPTH,
    };
    match parse_condition_with(input, &opts) {
        Ok(mut expr) => {
            let printed = expr.to_string();
            if canonical_form_reads_back(&expr) {
                let mut again = parse_condition_with(&printed, &opts).unwrap_or_else(|e| {
                    panic!("{input:?} printed as {printed:?} does not parse: {e}")
                });
                assert_eq!(
                    again.to_string(),
                    printed,
                    "printing is not stable for {input:?}"
                );
                clear_identifier_spans(&mut expr);
                clear_identifier_spans(&mut again);
                assert_eq!(again, expr, "{input:?} printed as {printed:?}");
            }
        }
        Err(err) => {
            assert_eq!(err.pos, ParsePos::at(input, err.pos.idx as usize));
        }
    }
    if let Ok((_, used)) = parse_field_or_transformer(input) {
        assert!(input.is_char_boundary(used));
    }
}

// ---- rules_file ------------------------------------------------------------------------------

fn engine_config() -> &'static EngineConfig {
    static CONFIG: OnceLock<EngineConfig> = OnceLock::new();
    CONFIG.get_or_init(|| EngineConfig::new(vec![Arc::new(falcod_probe::syscall_schema().clone())]))
}

/// Arbitrary bytes as a rules file: loading reports errors, never panics or hangs.
pub fn rules_file(data: &[u8]) {
    let mut builder = RulesetBuilder::new(engine_config().clone());
    builder.load("fuzz.yaml", data);
}

// ---- output_format ---------------------------------------------------------------------------

/// An event with no value for any field.
struct NoValues;

impl Event for NoValues {
    fn event_type(&self) -> u16 {
        0
    }
    fn extract(&self, _: &FieldRequest, _: &mut Values) {}
}

/// An event with a value of the field's type for every field (two for list fields); strings are
/// the fuzz input itself, so they may hold quotes, `%`, control bytes and invalid UTF-8.
struct EveryValue<'a> {
    schema: &'a SourceSchema,
    text: &'a [u8],
}

impl Event for EveryValue<'_> {
    fn event_type(&self) -> u16 {
        1
    }
    fn extract(&self, f: &FieldRequest, out: &mut Values) {
        let ty = self.schema.fields.get(f.id).ty;
        let count = if ty == FieldType::CharBufArray { 2 } else { 1 };
        for _ in 0..count {
            match ty {
                FieldType::Int8
                | FieldType::Int16
                | FieldType::Int32
                | FieldType::Int64
                | FieldType::Errno
                | FieldType::Fd
                | FieldType::Pid => out.push_i64(i64::MIN),
                FieldType::Double => out.push_f64(f64::NAN),
                FieldType::Bool => out.push_bool(true),
                FieldType::Ipv4Addr => out.push_ip(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))),
                FieldType::Ipv6Addr | FieldType::IpAddr => {
                    out.push_ip(IpAddr::V6(Ipv6Addr::LOCALHOST))
                }
                FieldType::Ipv4Net => out.push_net(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 0)), 8),
                FieldType::Ipv6Net | FieldType::IpNet => {
                    out.push_net(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 128)
                }
                FieldType::ByteBuf => out.push_bytes(self.text),
                FieldType::CharBuf
                | FieldType::FsPath
                | FieldType::FsRelPath
                | FieldType::CharBufArray
                | FieldType::SockAddr
                | FieldType::SockTuple
                | FieldType::Dyn => out.push_str(self.text),
                _ => out.push_u64(u64::MAX),
            }
        }
    }
}

fn render_every_way<E: Event>(fmt: &OutputFormat, ev: &E) {
    let (mut values, mut out) = (Values::new(), String::new());
    let complete = fmt.render(ev, &mut values, &mut out);
    assert!(
        complete || fmt.requires_all_values(),
        "a '*' format stopped rendering"
    );
    assert!(values.is_empty(), "rendering left values behind");
    for i in 0..fmt.fields().len() {
        fmt.render_field(i, ev, &mut values, &mut String::new());
    }
    fmt.field_values(ev, &mut values, &mut Vec::new());
    let mut map = Map::new();
    fmt.render_fields(ev, &mut values, 1_700_000_000_123_456_789, &mut map);
    serde_json::to_string(&map).expect("output_fields serialize");
}

/// Arbitrary text as an output format compiled against the syscall source's fields: a bad format
/// is an error; a compiled one renders (text, per-field text, typed JSON `output_fields`, with
/// and without transformer fields) against an event without values and against one with a
/// value for every field, and a `*` format always renders in full.
pub fn output_format(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = falcod_probe::syscall_schema();
    let Ok(fmt) = OutputFormat::compile(text, schema) else {
        return;
    };
    let every = EveryValue { schema, text: data };
    render_every_way(&fmt, &NoValues);
    render_every_way(&fmt, &every);
    render_every_way(&fmt.include_transformed_fields(true), &every);
}

// ---- falco_yaml ------------------------------------------------------------------------------

/// A main config file the fuzzed document is merged into, with values of every kind set.
const BASE_YAML: &str = "\
priority: notice
json_output: true
rules_files: [/etc/falco/falco_rules.yaml]
stdout_output: {enabled: true}
file_output: {enabled: false, filename: ./events.txt}
http_output: {enabled: false, url: 'http://localhost:2801/'}
webserver: {enabled: false, listen_port: 8765}
metrics: {enabled: false, interval: 1m}
syscall_event_drops: {actions: [log, alert], rate: 0.03333, max_burst: 1}
append_output: [{match: {source: syscall}, extra_output: 'on %proc.name'}]
rules: [{disable: {rule: Foo}}]
engine: {kind: nodriver}
";

fn base_settings() -> Settings {
    let mut s = Settings::default();
    s.load_document(parse_mapping(BASE_YAML, "base.yaml").expect("the base document parses"));
    s
}

/// Everything the daemon reads out of a settings tree at start.
fn read_settings(settings: &Settings) {
    let _ = entries(settings);
    let _ = unknown_key_warnings(settings, &[]);
    let _ = settings.json_output();
    let _ = settings.rules_files();
    let _ = DaemonConfig::from_settings(settings);
}

/// Arbitrary text as a falco.yaml document: parsing it into the settings tree, checking its
/// `config_files` entries, merging it into a base configuration as an included file with each
/// strategy (no file is read), and reading the typed daemon configuration out of each result.
pub fn falco_yaml(data: &[u8]) {
    static BASE: OnceLock<Settings> = OnceLock::new();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = parse_mapping(text, "fuzz.yaml") else {
        return;
    };
    let mut main = Settings::default();
    main.load_document(doc.clone());
    read_settings(&main);
    for strategy in [
        MergeStrategy::Append,
        MergeStrategy::Override,
        MergeStrategy::AddOnly,
    ] {
        let mut merged = BASE.get_or_init(base_settings).clone();
        merged.include(doc.clone(), strategy);
        read_settings(&merged);
    }
}

// ---- o_option --------------------------------------------------------------------------------

/// Arbitrary lines as `-o key=value` options applied in turn to a configuration tree: a bad
/// option is an error; after an option applies, a plain dot-path key reads back the value the
/// option gives on an empty tree; then the daemon's configuration is read from the result.
pub fn o_option(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut settings = base_settings();
    for option in text.lines().take(64) {
        if settings.apply_option(option).is_err() {
            continue;
        }
        let (key, _) = option
            .split_once('=')
            .unwrap_or_else(|| panic!("{option:?} applied without '='"));
        if !key.contains(['[', ']', '\\']) {
            let mut alone = Settings::default();
            alone
                .apply_option(option)
                .unwrap_or_else(|e| panic!("{option:?} applied in a tree, not alone: {e}"));
            assert_eq!(
                settings.get_path(key),
                alone.get_path(key),
                "{option:?} does not read back through its key"
            );
        }
    }
    read_settings(&settings);
}

// ---- scap_reader and ringbuf_record ----------------------------------------------------------

/// Decodes every parameter of `raw`, feeds it to `state` as event number `num` and, when libsinsp
/// would show it, extracts every field that takes no required argument.
fn decode_and_extract(state: &mut State, num: u64, raw: &RawEvent<'_>, values: &mut Values) {
    let _ = (raw.name(), raw.hidden());
    for (i, bytes) in raw.params().enumerate() {
        assert_eq!(raw.param(i), Some(bytes));
        let _ = (raw.param_name(i), raw.decode(i));
    }
    let Some(ev) = state.event(num, raw) else {
        return;
    };
    let _ = ev.event_type();
    for (id, info) in falcod_probe::syscall_schema().fields.iter() {
        if !info.arg_required {
            values.clear();
            ev.extract(
                &FieldRequest {
                    id,
                    arg: FieldArg::None,
                },
                values,
            );
        }
    }
}

/// Arbitrary bytes as a `.scap` capture (plain or gzip): every block read, every event decoded
/// and fed through a `State` as replay does, every field of each visible event extracted.
pub fn scap_reader(data: &[u8]) {
    let Ok(mut reader) = Reader::new(std::io::Cursor::new(data.to_vec())) else {
        return;
    };
    let mut state = State::new();
    let mut values = Values::new();
    let mut num = 0u64;
    loop {
        match reader.next_block() {
            Ok(Some(Block::Event(raw))) => {
                num += 1;
                decode_and_extract(&mut state, num, &raw, &mut values);
            }
            Ok(Some(other)) => state.apply_block(&other),
            Ok(None) | Err(_) => break,
        }
    }
    let _ = (reader.stats(), reader.offset(), state.thread_count());
}

/// `EV_V2_LARGE`: events with a parameter count, no flags word, no 64 KiB limit.
const EV_V2_LARGE: u32 = 0x221;
const RECORD_CPU: u16 = 3;

/// A capture holding a section header and one `EV_V2_LARGE` block whose body is the CPU number
/// and `record`, padded to 4 bytes as libscap writes blocks.
fn capture_of_record(record: &[u8]) -> Vec<u8> {
    let mut w = Writer::new(Vec::new());
    w.write_section()
        .expect("a section header writes to memory");
    let mut out = w.into_inner().expect("a Vec flushes");
    let mut body = RECORD_CPU.to_le_bytes().to_vec();
    body.extend_from_slice(record);
    body.resize(body.len().next_multiple_of(4), 0);
    let total = u32::try_from(body.len() + 12).unwrap_or(u32::MAX);
    out.extend_from_slice(&EV_V2_LARGE.to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(&total.to_le_bytes());
    out
}

fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("8 bytes"))
}

/// Arbitrary bytes as one event record as the live probe writes it into the ring buffer
/// (header, parameter lengths, parameters), decoded by the live decoder (`EventParser`), every
/// parameter by its type, then fed through a fresh `State` with every field extracted. The
/// same bytes wrapped as a capture's event block must decode identically through the capture
/// reader: one event format, two framings.
pub fn ringbuf_record(record: &[u8]) {
    let mut parser = EventParser::default();
    let live = parser.parse(record, RECORD_CPU);
    let mut reader = Reader::new(std::io::Cursor::new(capture_of_record(record)))
        .expect("an in-memory capture opens");
    assert!(matches!(reader.next_block(), Ok(Some(Block::Section(_)))));
    let from_capture = reader.next_block();
    let raw = match live {
        Ok(raw) => raw,
        Err(_) => {
            // The capture framing accepts only what the record framing accepts (an event code
            // beyond the table is skipped there, an error here), except a length that runs
            // into the block's padding, which the wrapped record has and the bare one lacks.
            let declared = record.get(16..20).map_or(0, |b| {
                u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize
            });
            if declared <= record.len() {
                assert!(!matches!(from_capture, Ok(Some(Block::Event(_)))));
            }
            return;
        }
    };
    assert!(record.len() >= 26, "a {}-byte record decoded", record.len());
    assert_eq!(raw.ts, le_u64(&record[0..8]));
    assert_eq!(raw.tid, le_u64(&record[8..16]));
    assert_eq!(raw.event_type, u16::from_le_bytes([record[20], record[21]]));
    assert_eq!(raw.cpu, RECORD_CPU);
    let Ok(Some(Block::Event(block))) = from_capture else {
        panic!("the live decoder accepted a record the capture reader rejects");
    };
    assert_eq!(
        (block.ts, block.tid, block.event_type),
        (raw.ts, raw.tid, raw.event_type)
    );
    assert!(block.params().eq(raw.params()));
    decode_and_extract(&mut State::new(), 1, &raw, &mut Values::new());
}
