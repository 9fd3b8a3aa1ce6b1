//! A full-match DFA: `regex-automata`'s dense DFA walked byte by byte from an anchored start.
//!
//! A dense DFA needs no cache, so matching takes `&self`, allocates nothing and is safe to share
//! between threads. It is built with `MatchKind::All` so that every match end is tracked and a
//! full match (the whole value, RE2's `ANCHOR_BOTH`) is simply "the state after the end of input
//! is a match state". Determinization is bounded: a pattern whose DFA would exceed
//! [`DFA_SIZE_LIMIT`] is a compile error instead of a risk of exponential build time or memory.
//!
//! Cost: build is O(DFA states × alphabet classes) (microseconds for typical globs, up to a few
//! milliseconds near the limit); a match is one table lookup per input byte (about 1 ns/byte)
//! with an early exit on the dead state; memory is the transition table (`memory_usage`).

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::util::syntax;
use regex_automata::{Anchored, MatchKind};

/// Largest DFA (transition table bytes) a single pattern may compile to.
pub const DFA_SIZE_LIMIT: usize = 8 << 20;

/// An anchored, full-match DFA.
#[derive(Debug, Clone)]
pub struct FullMatchDfa {
    dfa: dense::DFA<Vec<u32>>,
    start: StateID,
    /// Replace invalid UTF-8 in the subject by U+FFFD before matching (what libsinsp does for
    /// `regex`), instead of matching raw bytes.
    sanitize_utf8: bool,
}

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

impl FullMatchDfa {
    /// Builds a byte-oriented DFA (Unicode off, `.`/classes over bytes): used for globs.
    pub fn bytes(pattern: &str) -> Result<FullMatchDfa, String> {
        let syntax = syntax::Config::new().unicode(false).utf8(false);
        FullMatchDfa::build(pattern, syntax, false)
    }

    /// Builds a UTF-8 DFA with RE2's POSIX-mode line semantics (`^`/`$` also at line breaks,
    /// `.` not matching `\n`); subjects are sanitized to valid UTF-8 like libsinsp does.
    pub fn utf8(pattern: &str) -> Result<FullMatchDfa, String> {
        let syntax = syntax::Config::new()
            .unicode(true)
            .utf8(true)
            .multi_line(true);
        FullMatchDfa::build(pattern, syntax, true)
    }

    fn build(
        pattern: &str,
        syntax: syntax::Config,
        sanitize_utf8: bool,
    ) -> Result<FullMatchDfa, String> {
        let dfa = dense::Builder::new()
            .syntax(syntax)
            .thompson(
                thompson::Config::new()
                    .nfa_size_limit(Some(DFA_SIZE_LIMIT))
                    .which_captures(thompson::WhichCaptures::None),
            )
            .configure(
                dense::Config::new()
                    .match_kind(MatchKind::All)
                    .start_kind(StartKind::Anchored)
                    .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                    .determinize_size_limit(Some(DFA_SIZE_LIMIT)),
            )
            .build(pattern)
            .map_err(|e| e.to_string())?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .map_err(|e| e.to_string())?;
        Ok(FullMatchDfa {
            dfa,
            start,
            sanitize_utf8,
        })
    }

    #[inline]
    fn feed(&self, mut state: StateID, bytes: &[u8]) -> Option<StateID> {
        for &b in bytes {
            state = self.dfa.next_state(state, b);
            if self.dfa.is_special_state(state)
                && (self.dfa.is_dead_state(state) || self.dfa.is_quit_state(state))
            {
                return None;
            }
        }
        Some(state)
    }

    /// True if the whole of `value` matches.
    pub fn is_match(&self, value: &[u8]) -> bool {
        let end = if self.sanitize_utf8 {
            let mut state = Some(self.start);
            for chunk in value.utf8_chunks() {
                state = state.and_then(|s| self.feed(s, chunk.valid().as_bytes()));
                if !chunk.invalid().is_empty() {
                    state = state.and_then(|s| self.feed(s, REPLACEMENT));
                }
            }
            state
        } else {
            self.feed(self.start, value)
        };
        match end {
            Some(s) => self.dfa.is_match_state(self.dfa.next_eoi_state(s)),
            None => false,
        }
    }

    /// Heap bytes held by the transition table.
    pub fn memory_usage(&self) -> usize {
        self.dfa.memory_usage()
    }
}
