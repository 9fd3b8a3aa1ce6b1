//! The condition DAG one event-type bucket runs, as the engine compiled it for the upstream
//! rules: for each rule of the bucket, in evaluation order, its nodes with their estimated
//! costs, sharing and slots (`Engine::describe_dag_for`). Useful next to `eval_count` when
//! profiling: it shows which checks an event of that type can reach and in which order.
//!
//! `cargo run --release -p falcod-benches --example dag_listing [evt.type] [stable|all]`
//! (defaults: `execve`, `stable`). The type name is looked up in the synthetic mixed stream.

use falcod_benches::upstream_engine;
use falcod_probe::synthetic::realistic_mix;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "execve".to_string());
    let set = args.next().unwrap_or_else(|| "stable".to_string());
    let engine = match upstream_engine(&set) {
        Ok(e) => e,
        Err(err) => {
            eprintln!("could not build the engine: {err}");
            return;
        }
    };
    let events = realistic_mix(1, 2_000);
    let Some(code) = events.iter().find(|e| e.type_name == which).map(|e| e.code) else {
        eprintln!("no '{which}' event in the synthetic mix");
        return;
    };
    let ids: Vec<_> = engine.bucket(code).collect();
    println!("bucket {which} (code {code}): {} rules", ids.len());
    for id in ids {
        print!("{}", engine.describe_dag_for(id, code));
    }
}
