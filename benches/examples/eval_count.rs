//! One pass of the `eval` bench's streams through the engine, in a function of its own so that
//! an instruction counter can measure evaluation alone (engine build and stream generation left
//! out). Instruction counts do not depend on other load on the machine, unlike time:
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*eval_count::run_stream*' \
//!     target/release/examples/eval_count [events] [stable|all] [mix|execve]
//! ```
//!
//! then divide the collected instruction count by twice the number of events printed (the
//! function runs twice: a warm-up pass, then the pass that matters; both execute the same code).

use std::hint::black_box;

use falcod_benches::upstream_engine;
use falcod_probe::synthetic::{execve_only, realistic_mix, SyntheticEvent};
use falcod_rules::eval::engine::{Engine, Scratch};

const SEED: u64 = 0x5eed_fa1c0;

/// The measured pass: every event through [`Engine::process`] once.
#[inline(never)]
fn run_stream(engine: &Engine, events: &[SyntheticEvent], scratch: &mut Scratch) -> usize {
    events
        .iter()
        .map(|ev| {
            engine.process(ev, scratch, &mut |id| {
                black_box(id);
            })
        })
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let which = args.next().unwrap_or_else(|| "stable".to_string());
    let stream = args.next().unwrap_or_else(|| "mix".to_string());
    let engine = match upstream_engine(&which) {
        Ok(e) => e,
        Err(err) => {
            eprintln!("could not build the engine: {err}");
            return;
        }
    };
    let events = if stream == "execve" {
        execve_only(SEED, n)
    } else {
        realistic_mix(SEED, n)
    };
    let mut scratch = engine.scratch();
    // Warm-up pass (grows the scratch buffers), then the counted pass.
    black_box(run_stream(&engine, &events, &mut scratch));
    let matches = run_stream(&engine, black_box(&events), &mut scratch);
    println!("{which} {stream}: {n} events, {matches} matches");
}
