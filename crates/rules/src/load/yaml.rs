//! YAML with positions.
//!
//! Falco reads rules files with yaml-cpp and reports every problem at a yaml-cpp *mark*: a 0-based
//! line, a 0-based column and a byte offset, all counted in bytes of the UTF-8 input. This module
//! parses YAML with yaml-rust2's event parser into a small tree that keeps such a position on every
//! node, and reproduces the yaml-cpp behaviours the rules reader depends on:
//!
//! * a node's mark is where its first token starts: the first key of a block mapping (so the item
//!   `- rule: x` is marked at `rule`), the opening quote of a quoted scalar, the `|`/`>` of a
//!   block scalar, the `[`/`{` of a flow collection, the first `-` of a block sequence;
//! * an empty value (`tags:` followed by the next key) is a null node marked at the next token;
//! * plain `~`, `null`, `Null`, `NULL` and the empty plain scalar are null, quoted ones are strings;
//! * aliases are expanded into copies of the anchored node (with the anchored node's positions),
//!   with a bound on the total expanded size so that "billion laughs" documents fail cleanly;
//! * scalar conversions (`bool`, unsigned integers) follow yaml-cpp's `convert<T>::decode`.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::result::Position;

/// Deepest nesting accepted (yaml-cpp's parser depth guard is 500 as well).
const MAX_DEPTH: usize = 500;

/// The kind and content of a YAML node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A null node: `~`, `null`, an empty value.
    Null,
    /// A scalar, as text (quotes and block indicators already resolved).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order (duplicate keys are kept, as yaml-cpp keeps them).
    Map(Vec<(Node, Node)>),
}

/// A YAML node with the position of its first token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Where it starts (yaml-cpp mark: 0-based line and column, byte offset).
    pub pos: Position,
    /// True for an unquoted (plain) scalar; false for quoted/block scalars and collections.
    pub plain: bool,
}

/// A YAML syntax error (or an input yaml-cpp would reject), with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// The message, in yaml-cpp's form (`yaml-cpp: error at line 1, column 11: illegal map value`).
    pub message: String,
    /// Where.
    pub pos: Position,
}

/// Why a scalar conversion failed: the yaml-cpp `bad conversion` exception at a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadConversion {
    /// The message yaml-cpp's exception carries (`yaml-cpp: error at line L, column C: bad conversion`).
    pub message: String,
}

impl Node {
    /// True for a mapping.
    pub fn is_map(&self) -> bool {
        matches!(self.kind, NodeKind::Map(_))
    }

    /// True for a sequence.
    pub fn is_seq(&self) -> bool {
        matches!(self.kind, NodeKind::Seq(_))
    }

    /// True for a null node.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The text of a scalar node; `None` for null and collections.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The value of the first entry whose key is a scalar equal to `key` (yaml-cpp `node[key]`).
    /// `None` if this is not a mapping or no such key exists.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            NodeKind::Map(m) => m,
            _ => &[],
        }
    }

    /// The elements of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(s) => s,
            _ => &[],
        }
    }

    /// yaml-cpp's `as<std::string>()`: a scalar's text, `"null"` for null, and a `bad conversion`
    /// error for collections.
    pub fn as_string(&self) -> Result<String, BadConversion> {
        match &self.kind {
            NodeKind::Scalar(s) => Ok(s.clone()),
            NodeKind::Null => Ok("null".to_string()),
            _ => Err(BadConversion {
                message: mark_message(self.pos, "bad conversion"),
            }),
        }
    }

    /// yaml-cpp's `convert<bool>::decode`: `y/n`, `yes/no`, `true/false`, `on/off`, each in
    /// lowercase, UPPERCASE or Capitalized form.
    pub fn as_bool(&self) -> Option<bool> {
        decode_bool(self.scalar()?)
    }
}

/// Formats a message the way yaml-cpp's exceptions do.
pub fn mark_message(pos: Position, msg: &str) -> String {
    format!(
        "yaml-cpp: error at line {}, column {}: {}",
        u64::from(pos.line) + 1,
        u64::from(pos.column) + 1,
        msg
    )
}

/// yaml-cpp's boolean decoding.
pub fn decode_bool(s: &str) -> Option<bool> {
    // yaml-cpp only accepts all-lowercase, all-uppercase or Capitalized spellings.
    let flexible = {
        let mut chars = s.chars();
        match chars.next() {
            None => true,
            Some(first) => {
                let rest = chars.as_str();
                s.chars().all(|c| c.is_ascii_lowercase())
                    || (first.is_ascii_uppercase()
                        && (rest.chars().all(|c| c.is_ascii_lowercase())
                            || rest.chars().all(|c| c.is_ascii_uppercase())))
            }
        }
    };
    if !flexible {
        return None;
    }
    match s.to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "on" => Some(true),
        "n" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// yaml-cpp's unsigned 32-bit decoding: no leading blanks, an optional `+` (a `-` is rejected),
/// `0x` hex / leading-`0` octal / decimal digits, then only trailing blanks.
pub fn decode_u32(s: &str) -> Option<u32> {
    let rest = s.strip_prefix('+').unwrap_or(s);
    if rest.starts_with('-') || s.starts_with('-') {
        return None;
    }
    let (radix, digits) = if let Some(h) = rest
        .strip_prefix("0x")
        .or_else(|| rest.strip_prefix("0X"))
        .filter(|h| h.starts_with(|c: char| c.is_ascii_hexdigit()))
    {
        (16, h)
    } else if rest.starts_with('0') {
        (8, rest)
    } else {
        (10, rest)
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let (num, tail) = digits.split_at(end);
    if num.is_empty()
        || !tail
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
    {
        return None;
    }
    u32::from_str_radix(num, radix).ok()
}

/// Maps a char index in the parsed text (what yaml-rust2 counts) to yaml-cpp's byte-based mark
/// in the original text. The parsed text is a slice of the original starting at `base`, possibly
/// with single spaces inserted at line starts (see [`parse_documents`]); `inserted` holds their
/// offsets in the parsed text.
struct PosMap<'a> {
    /// The text being parsed.
    text: &'a str,
    /// Byte offset of each char of `text`, only built for non-ASCII text.
    char_bytes: Option<Vec<u32>>,
    /// Offsets (in `text`, sorted) of inserted spaces.
    inserted: &'a [u32],
    /// Where the parsed slice starts in the original text.
    base: u32,
    /// Byte offset of the start of each line of the original text.
    line_starts: &'a [u32],
}

impl<'a> PosMap<'a> {
    fn new(text: &'a str, base: u32, inserted: &'a [u32], line_starts: &'a [u32]) -> PosMap<'a> {
        let char_bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| to_u32(i))
                .chain(std::iter::once(to_u32(text.len())))
                .collect()
        });
        PosMap {
            text,
            char_bytes,
            inserted,
            base,
            line_starts,
        }
    }

    /// Byte offset in the parsed text of a yaml-rust2 mark.
    fn parsed_offset(&self, mark: &Marker) -> u32 {
        match &self.char_bytes {
            Some(v) => v
                .get(mark.index())
                .or(v.last())
                .copied()
                .unwrap_or_default(),
            None => to_u32(mark.index().min(self.text.len())),
        }
    }

    /// The original offset of a parsed-text offset.
    fn original(&self, parsed: u32) -> u32 {
        self.base + parsed - to_u32(self.inserted.partition_point(|&i| i < parsed))
    }

    fn position(&self, mark: &Marker) -> Position {
        self.at_parsed(self.parsed_offset(mark))
    }

    fn at_parsed(&self, parsed: u32) -> Position {
        self.at_byte(self.original(parsed))
    }

    /// The position of an original byte offset.
    fn at_byte(&self, offset: u32) -> Position {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or_default();
        Position {
            offset,
            line: to_u32(line),
            column: offset - start,
        }
    }
}

/// Byte offset of the start of each line of `text`.
fn line_starts(text: &str) -> Vec<u32> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| to_u32(i + 1)),
    );
    starts
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The position of a byte offset in `text` (for errors found before parsing, e.g. bad UTF-8).
pub fn position_of_byte(text: &[u8], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        offset: to_u32(offset),
        line: to_u32(line),
        column: to_u32(offset - start),
    }
}

/// A collection being built.
enum Open {
    Seq(Node, usize, Vec<Node>),
    /// The flag asks for the map to take its first key's position (block maps).
    Map(Node, usize, Vec<(Node, Node)>, Option<Node>, bool),
}

/// Builds the node tree from the event stream.
struct Builder<'a> {
    map: PosMap<'a>,
    docs: Vec<Node>,
    stack: Vec<Open>,
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes plus scalar bytes created so far; bounded to defeat alias bombs.
    weight: usize,
    limit: usize,
}

impl Builder<'_> {
    fn error(&self, mark: &Marker, msg: &str) -> YamlError {
        let pos = self.map.position(mark);
        YamlError {
            message: mark_message(pos, msg),
            pos,
        }
    }

    /// Adds a finished node to its parent (or as a document).
    fn push(&mut self, node: Node, anchor: usize, weight: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), weight));
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Open::Seq(_, _, items)) => items.push(node),
            Some(Open::Map(map, _, entries, key, at_first_key)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    if std::mem::take(at_first_key) {
                        map.pos = node.pos;
                    }
                    *key = Some(node)
                }
            },
        }
    }

    fn add_weight(&mut self, w: usize, mark: &Marker) -> Result<(), YamlError> {
        self.weight = self.weight.saturating_add(w);
        if self.weight > self.limit {
            return Err(self.error(mark, "document too large after alias expansion"));
        }
        Ok(())
    }

    fn event(&mut self, ev: Event, mark: &Marker) -> Result<(), YamlError> {
        let parsed = self.map.parsed_offset(mark);
        let pos = self.map.at_parsed(parsed);
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == TScalarStyle::Plain;
                let pos = if matches!(style, TScalarStyle::Literal | TScalarStyle::Folded) {
                    self.map.at_parsed(block_indicator(self.map.text, parsed))
                } else {
                    pos
                };
                let null = plain
                    && tag.is_none()
                    && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
                let w = 1 + text.len();
                self.add_weight(w, mark)?;
                let kind = if null {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar(text)
                };
                self.push(Node { kind, pos, plain }, anchor, w);
            }
            Event::SequenceStart(anchor, _) => {
                self.open_guard(mark)?;
                let node = Node {
                    kind: NodeKind::Null,
                    pos,
                    plain: false,
                };
                self.stack.push(Open::Seq(node, anchor, Vec::new()));
            }
            Event::MappingStart(anchor, _) => {
                self.open_guard(mark)?;
                let node = Node {
                    kind: NodeKind::Null,
                    pos,
                    plain: false,
                };
                // yaml-rust2 marks a block mapping at its first `:`; yaml-cpp at its first key.
                let block = self.map.text.as_bytes().get(parsed as usize) != Some(&b'{');
                self.stack
                    .push(Open::Map(node, anchor, Vec::new(), None, block));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (mut node, anchor, kind) = match self.stack.pop() {
                    Some(Open::Seq(n, a, items)) => (n, a, NodeKind::Seq(items)),
                    Some(Open::Map(n, a, entries, _, _)) => (n, a, NodeKind::Map(entries)),
                    None => return Err(self.error(mark, "unexpected end of collection")),
                };
                node.kind = kind;
                self.add_weight(1, mark)?;
                // An anchored collection's expansion cost is its whole subtree.
                let w = if anchor > 0 { weight_of(&node) } else { 0 };
                self.push(node, anchor, w);
            }
            Event::Alias(id) => {
                let Some((node, w)) = self.anchors.get(&id).cloned() else {
                    return Err(self.error(mark, "the referenced anchor is not defined"));
                };
                self.add_weight(w, mark)?;
                self.push(node, 0, 0);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open_guard(&self, mark: &Marker) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(mark, "bad file"));
        }
        Ok(())
    }
}

/// yaml-rust2 marks a block scalar at its content; yaml-cpp at its `|`/`>` indicator. Finds the
/// indicator on the header line: the last non-blank line before `content`, whose first `|` or `>`
/// standing alone as a token (after a blank or line start, before a blank, chomping/indent
/// indicator, comment or line end) is the indicator. Falls back to `content` if none is found.
fn block_indicator(text: &str, content: u32) -> u32 {
    let bytes = text.as_bytes();
    let mut end = (content as usize).min(bytes.len());
    // Back over the content's indentation and any blank lines.
    while end > 0 && bytes.get(end - 1).is_some_and(|b| b.is_ascii_whitespace()) {
        end -= 1;
    }
    let start = bytes
        .get(..end)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        .map_or(0, |i| i + 1);
    let line = bytes.get(start..end).unwrap_or_default();
    let found = line.iter().enumerate().position(|(i, &c)| {
        let before_ok = i == 0 || line.get(i - 1).is_some_and(|b| b.is_ascii_whitespace());
        let after_ok = line.get(i + 1).is_none_or(|b| {
            b.is_ascii_whitespace() || matches!(b, b'+' | b'-' | b'#' | b'0'..=b'9')
        });
        (c == b'|' || c == b'>') && before_ok && after_ok
    });
    found.map_or(content, |i| to_u32(start + i))
}

/// The expansion cost of a subtree (iterative: the tree may be deep).
fn weight_of(node: &Node) -> usize {
    let mut total = 0usize;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        total = total.saturating_add(1);
        match &n.kind {
            NodeKind::Null => {}
            NodeKind::Scalar(s) => total = total.saturating_add(s.len()),
            NodeKind::Seq(items) => todo.extend(items.iter()),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
        }
    }
    total
}

/// Translates yaml-rust2's scanner messages into yaml-cpp's wording where they mean the same.
fn yaml_cpp_message(info: &str) -> &str {
    if info.contains("mapping values are not allowed") {
        "illegal map value"
    } else if info.contains("block sequence entries are not allowed") {
        "illegal block entry"
    } else if info.contains("did not find expected key") {
        "end of map not found"
    } else if info.contains("did not find expected ',' or ']'") {
        "end of sequence flow not found"
    } else if info.contains("did not find expected ',' or '}'") {
        "end of map flow not found"
    } else if info.contains("found unknown anchor") {
        "the referenced anchor is not defined"
    } else if info.contains("unexpected end of stream") && info.contains("quoted scalar") {
        "illegal EOF in scalar"
    } else if info.contains("found character that cannot start any token") {
        "unknown token"
    } else {
        info
    }
}

/// How many under-indented lines [`parse_documents`] re-indents before giving up.
const MAX_REINDENTS: usize = 256;

/// Parses every YAML document of `text` into position-carrying trees.
///
/// An empty stream (or one with only comments) has no documents; an explicitly empty document
/// (`---` alone) is a null node.
///
/// yaml-cpp accepts a line inside a flow collection indented no deeper than yaml-rust2 wants
/// (e.g. the closing `]` of `items: [` at the key's column after quoted items), which yaml-rust2
/// rejects as invalid indentation. Such a line is parsed again with one more leading space, and
/// positions are mapped back to the original text.
///
/// A rules file is one block sequence of items at column 0. Each item (from one `- ` at column 0
/// to the next) is parsed on its own, so re-parsing for an under-indented line only costs that
/// item: at such a line the scanner is in the same state as at the start of a document, so the
/// items parse exactly as they would inside the whole sequence. Anything this does not fit
/// (other document shapes, errors, aliases across items) is parsed as one text instead, which
/// gives the same trees and the exact error.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, YamlError> {
    let starts = line_starts(text);
    if let Some(docs) = parse_items_separately(text, &starts) {
        return Ok(docs);
    }
    let mut state = ParseState::new(text.len());
    parse_reindenting(text, 0, &starts, &mut state)
}

/// What a sequence of [`parse_reindenting`] calls shares: the re-indent budget and the alias
/// expansion weight.
struct ParseState {
    attempts: usize,
    weight: usize,
    limit: usize,
}

impl ParseState {
    fn new(original_len: usize) -> ParseState {
        ParseState {
            attempts: 0,
            weight: 0,
            // A file without aliases weighs under 2x its length (nodes plus scalar bytes), so 16x
            // leaves room for honest anchors while a sub-kilobyte alias bomb stops at about a
            // million units (a node weighs about 100 bytes of memory once built).
            limit: original_len.saturating_mul(16).max(1 << 20),
        }
    }
}

/// Parses `text` (the slice of the original starting at `base`), inserting a space before each
/// under-indented line and parsing again until it parses or fails otherwise.
fn parse_reindenting(
    text: &str,
    base: u32,
    line_starts: &[u32],
    state: &mut ParseState,
) -> Result<Vec<Node>, YamlError> {
    let mut parsed = std::borrow::Cow::Borrowed(text);
    let mut inserted: Vec<u32> = Vec::new();
    loop {
        let map = PosMap::new(&parsed, base, &inserted, line_starts);
        let fix = match parse_once(map, state) {
            Ok(docs) => return Ok(docs),
            Err((err, fix)) => match fix {
                Some(at) if state.attempts < MAX_REINDENTS => at,
                _ => return Err(err),
            },
        };
        state.attempts += 1;
        for i in inserted.iter_mut().filter(|i| **i >= fix) {
            *i += 1;
        }
        inserted.insert(inserted.partition_point(|&i| i < fix), fix);
        parsed.to_mut().insert(fix as usize, ' ');
    }
}

/// The fast path of [`parse_documents`]: a text of only comments and blank lines followed by
/// items starting with `- ` at column 0 is parsed item by item, and the items are gathered into
/// one sequence. `None` when the text has another shape or any item fails to parse on its own;
/// the caller then parses the whole text.
fn parse_items_separately(text: &str, line_starts: &[u32]) -> Option<Vec<Node>> {
    let bytes = text.as_bytes();
    let mut items_at: Vec<usize> = Vec::new();
    for &start in line_starts {
        let line = bytes.get(start as usize..).unwrap_or_default();
        match line {
            [b'-', b' ' | b'\n' | b'\r', ..] => items_at.push(start as usize),
            // Document markers and directives change the document structure.
            [b'-', b'-', b'-', ..] | [b'.', b'.', b'.', ..] | [b'%', ..] => return None,
            _ => {}
        }
    }
    let first = *items_at.first()?;
    // Before the first item: only blank and comment lines.
    let prefix_ok = text[..first].lines().all(|l| {
        let l = l.trim_start_matches(' ').trim_end_matches('\r');
        l.is_empty() || l.starts_with('#')
    });
    if !prefix_ok {
        return None;
    }
    let mut state = ParseState::new(text.len());
    let mut root_pos = None;
    let mut items = Vec::new();
    for (i, &start) in items_at.iter().enumerate() {
        let end = items_at.get(i + 1).copied().unwrap_or(text.len());
        let chunk = text.get(start..end)?;
        let mut docs = parse_reindenting(chunk, to_u32(start), line_starts, &mut state).ok()?;
        let mut root = match docs.as_mut_slice() {
            [root] if root.is_seq() => std::mem::replace(&mut root.kind, NodeKind::Null),
            _ => return None,
        };
        root_pos.get_or_insert(docs[0].pos);
        if let NodeKind::Seq(chunk_items) = &mut root {
            items.append(chunk_items);
        }
    }
    Some(vec![Node {
        kind: NodeKind::Seq(items),
        pos: root_pos?,
        plain: false,
    }])
}

/// One parse; on failure also the parsed-text offset of a line start to re-indent, when the
/// failure is an under-indented line.
fn parse_once(
    map: PosMap<'_>,
    state: &mut ParseState,
) -> Result<Vec<Node>, (YamlError, Option<u32>)> {
    let mut parser = Parser::new_from_str(map.text);
    let mut builder = Builder {
        map,
        docs: Vec::new(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        weight: state.weight,
        limit: state.limit,
    };
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((ev, mark)) => builder.event(ev, &mark).map_err(|e| (e, None))?,
            Err(e) => {
                let parsed = builder.map.parsed_offset(e.marker());
                let pos = builder.map.at_parsed(parsed);
                let err = YamlError {
                    message: mark_message(pos, yaml_cpp_message(e.info())),
                    pos,
                };
                let fix = (e.info() == "invalid indentation"
                    || e.info() == "invalid indentation in flow construct")
                    .then(|| line_start_if_first_token(builder.map.text, parsed))
                    .flatten();
                return Err((err, fix));
            }
        }
    }
    state.weight = builder.weight;
    Ok(builder.docs)
}

/// The start of the line holding `offset` if only blanks precede `offset` on it.
fn line_start_if_first_token(text: &str, offset: u32) -> Option<u32> {
    let before = text.as_bytes().get(..offset as usize)?;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    before
        .get(start..)?
        .iter()
        .all(|&b| b == b' ')
        .then_some(to_u32(start))
}

impl Drop for Node {
    /// Tears deep trees down iteratively so that dropping cannot overflow the stack.
    fn drop(&mut self) {
        let mut todo: Vec<Node> = Vec::new();
        let take = |kind: &mut NodeKind, todo: &mut Vec<Node>| match std::mem::replace(
            kind,
            NodeKind::Null,
        ) {
            NodeKind::Seq(items) => todo.extend(items),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
            NodeKind::Null | NodeKind::Scalar(_) => {}
        };
        take(&mut self.kind, &mut todo);
        while let Some(mut n) = todo.pop() {
            take(&mut n.kind, &mut todo);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, column: u32, offset: u32) -> Position {
        Position {
            offset,
            line,
            column,
        }
    }

    fn doc(text: &str) -> Node {
        let mut docs = parse_documents(text).expect("valid yaml");
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn item_and_value_marks_follow_yaml_cpp() {
        let text = "- rule: x\n  desc: \"quoted\"\n  tags:\n  cond: |\n    a\n";
        let root = doc(text);
        assert!(root.is_seq());
        assert_eq!(root.pos, p(0, 0, 0));
        let item = &root.items()[0];
        // The block mapping is marked at its first key.
        assert_eq!(item.pos, p(0, 2, 2));
        assert_eq!(item.get("rule").map(|n| n.pos), Some(p(0, 8, 8)));
        // Quoted scalars start at the quote.
        assert_eq!(item.get("desc").map(|n| n.pos), Some(p(1, 8, 18)));
        // An empty value is null, marked at the next token.
        let tags = item.get("tags").expect("tags");
        assert!(tags.is_null());
        assert_eq!(tags.pos, p(3, 2, 37));
        // A block scalar starts at its indicator.
        let cond = item.get("cond").expect("cond");
        assert_eq!(cond.pos, p(3, 8, 43));
        assert_eq!(cond.scalar(), Some("a\n"));
    }

    #[test]
    fn block_scalar_indicator_positions() {
        let text = "- a: >-   # x | y\n\n    folded\n  b: |\n    lit\n  c: x\n";
        let root = doc(text);
        let item = &root.items()[0];
        assert_eq!(item.get("a").map(|n| n.pos), Some(p(0, 5, 5)));
        assert_eq!(item.get("b").map(|n| n.pos), Some(p(3, 5, 35)));
    }

    #[test]
    fn positions_count_bytes_like_yaml_cpp() {
        let root = doc("- a: \"é\"\n  b: x\n");
        let item = &root.items()[0];
        assert_eq!(item.get("b").map(|n| n.pos), Some(p(1, 5, 15)));
    }

    #[test]
    fn nulls_and_quoted_nulls() {
        let root = doc("[~, null, Null, NULL, '', \"null\", nUll]");
        let kinds: Vec<bool> = root.items().iter().map(Node::is_null).collect();
        assert_eq!(kinds, [true, true, true, true, false, false, false]);
        assert_eq!(root.items()[4].scalar(), Some(""));
        assert!(!root.items()[5].plain);
    }

    #[test]
    fn documents() {
        assert_eq!(parse_documents("").expect("ok").len(), 0);
        assert_eq!(parse_documents("# just a comment\n").expect("ok").len(), 0);
        let docs = parse_documents("- a\n---\n- b\n---\n").expect("ok");
        assert_eq!(docs.len(), 3);
        assert!(docs[2].is_null());
    }

    #[test]
    fn aliases_expand_and_are_bounded() {
        let root = doc("- &x {a: 1}\n- *x\n");
        assert_eq!(root.items()[1].get("a").and_then(Node::scalar), Some("1"));
        assert_eq!(root.items()[1].pos, root.items()[0].pos);
        let mut bomb = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            bomb += &format!("a{i}: &a{i} [{prev}, {prev}, {prev}, {prev}, {prev}, {prev}]\n");
        }
        let err = parse_documents(&bomb).expect_err("bomb rejected");
        assert!(err.message.contains("alias expansion"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse_documents(&deep).is_err());
        let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse_documents(&ok).is_ok());
    }

    #[test]
    fn syntax_errors_use_yaml_cpp_words_and_marks() {
        let err = parse_documents("this : is : not : yaml").expect_err("invalid");
        assert_eq!(
            err.message,
            "yaml-cpp: error at line 1, column 11: illegal map value"
        );
        assert_eq!(err.pos, p(0, 10, 10));
    }

    #[test]
    fn under_indented_flow_lines_are_accepted_with_original_positions() {
        let text = "- list: a\n  items: [\n    x,\n    y\n  ]\n- list: b\n  items: [z]\n";
        let root = doc(text);
        let second = &root.items()[1];
        assert_eq!(second.pos, p(5, 2, 40));
        assert_eq!(second.get("items").map(|n| n.pos), Some(p(6, 9, 57)));
        assert_eq!(
            root.items()[0].get("items").map(|n| n.items().len()),
            Some(2)
        );
    }

    /// The whole text parsed at once: the reference the item-by-item path must match.
    fn parse_whole(text: &str) -> Result<Vec<Node>, YamlError> {
        let starts = line_starts(text);
        parse_reindenting(text, 0, &starts, &mut ParseState::new(text.len()))
    }

    #[test]
    fn item_by_item_parse_equals_whole_text_parse() {
        let cases: &[(&str, bool)] = &[
            // Quoted items keep yaml-rust2's indent one column deeper: `]` needs a space.
            (
                "# c\n\n- list: a\n  items: [\n    \"x\",\n    \"y\"\n  ]\n- list: b\n  items: [\n    \"z\"\n  ]\n",
                true,
            ),
            ("- a: |+\n    keep\n\n\n- b: >\n    fold\n    ed\n", true),
            ("- a: x\n  b: 'multi\n    line'\n- c: [1,\n   2]\n", true),
            ("- \"é\": [\n  \"ü\"\n  ]\n- x: y\n", true),
            // A `- ` at column 0 inside a flow collection is no item boundary.
            ("- a: [x,\n- y]\n", false),
            // Aliases across items, other document shapes, errors: parsed whole.
            ("- &x {a: 1}\n- *x\n", false),
            ("key: v\n- a\n", false),
            ("---\n- a\n---\n- b\n", false),
            ("- a: [\n", false),
            ("- a: b: c\n- d\n", false),
        ];
        for (text, separately) in cases {
            let starts = line_starts(text);
            let fast = parse_items_separately(text, &starts);
            assert_eq!(fast.is_some(), *separately, "{text:?}");
            assert_eq!(parse_documents(text), parse_whole(text), "{text:?}");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/falco-rules");
        for file in [
            "falco_rules.yaml",
            "falco-incubating_rules.yaml",
            "falco-sandbox_rules.yaml",
        ] {
            let Ok(text) = std::fs::read_to_string(format!("{dir}/{file}")) else {
                continue;
            };
            let fast = parse_items_separately(&text, &line_starts(&text));
            assert!(fast.is_some(), "{file} parses item by item");
            assert_eq!(fast.map(Ok), Some(parse_whole(&text)), "{file}");
        }
    }

    #[test]
    fn bool_decoding() {
        for (s, v) in [
            ("true", Some(true)),
            ("True", Some(true)),
            ("TRUE", Some(true)),
            ("tRUE", None),
            ("yes", Some(true)),
            ("Y", Some(true)),
            ("on", Some(true)),
            ("Off", Some(false)),
            ("no", Some(false)),
            ("n", Some(false)),
            ("1", None),
            ("", None),
        ] {
            assert_eq!(decode_bool(s), v, "{s}");
        }
    }

    #[test]
    fn u32_decoding() {
        for (s, v) in [
            ("12", Some(12)),
            ("+12", Some(12)),
            ("-1", None),
            ("0x10", Some(16)),
            ("010", Some(8)),
            ("08", None),
            ("12 ", Some(12)),
            (" 12", None),
            ("0.26.0", None),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("abc", None),
            ("", None),
        ] {
            assert_eq!(decode_u32(s), v, "{s}");
        }
    }
}
