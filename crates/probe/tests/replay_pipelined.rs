//! The two-thread replay gives the same events, in the same order, as the one-thread replay.

use falcod_probe::state::{replay_file_pipelined, replay_file_selecting};
use falcod_rules::event::{Event, Values};
use falcod_rules::fields::FieldId;

/// Every field of every event the replay builds, as text, with the summary.
fn fingerprint(
    replay: impl FnOnce(&mut dyn FnMut(&falcod_probe::state::ReplayEvent) -> bool) -> String,
) -> Vec<String> {
    let schema = falcod_probe::syscall_schema();
    let mut lines = Vec::new();
    let mut values = Values::new();
    let summary = replay(&mut |ev| {
        let mut line = String::new();
        for i in 0..schema.fields.len() {
            let request = falcod_rules::event::FieldRequest {
                id: FieldId(i as u32),
                arg: falcod_rules::event::FieldArg::None,
            };
            values.clear();
            ev.extract(&request, &mut values);
            line.push_str(&format!("{values:?}|"));
        }
        lines.push(line);
        true
    });
    lines.push(summary);
    lines
}

#[test]
fn both_replays_give_the_same_events_of_every_capture() {
    let Some(dir) = falcod_conformance::shared_captures_dir_or_skip() else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "scap"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no captures in {}", dir.display());
    for file in &files {
        // Exit events of odd codes below 200 are built: a selection that varies by code.
        let select = |code: u16| code & 1 == 1 && code < 200;
        let one = fingerprint(|f| {
            format!(
                "{:?}",
                replay_file_selecting(file, select, |e| f(e)).map_err(|e| e.to_string())
            )
        });
        let two = fingerprint(|f| {
            format!(
                "{:?}",
                replay_file_pipelined(file, select, |e| f(e)).map_err(|e| e.to_string())
            )
        });
        assert!(one.len() > 1, "{}: no events built", file.display());
        assert_eq!(one, two, "{}", file.display());
    }
}

#[test]
fn both_replays_stop_when_asked_and_report_a_truncated_capture() {
    let Some(dir) = falcod_conformance::shared_captures_dir_or_skip() else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "scap"))
        .collect();
    files.sort();
    let file = files.first().expect("a capture");
    // Stop after the third built event.
    let mut n = 0;
    let stopped = replay_file_pipelined(
        file,
        |_| true,
        |_| {
            n += 1;
            n < 3
        },
    )
    .unwrap();
    assert_eq!(n, 3);
    let mut m = 0;
    let single = replay_file_selecting(
        file,
        |_| true,
        |_| {
            m += 1;
            m < 3
        },
    )
    .unwrap();
    assert_eq!(stopped, single);

    // A copy cut in the middle of a block fails the same way in both.
    let mut data = Vec::new();
    let mut reader = falcod_probe::scap::Reader::open(file).unwrap();
    while reader.next_block().unwrap().is_some() {}
    drop(reader);
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(file).unwrap()),
        &mut data,
    )
    .ok();
    if data.is_empty() {
        data = std::fs::read(file).unwrap();
    }
    let cut = std::env::temp_dir().join(format!("falcod-cut-{}.scap", std::process::id()));
    std::fs::write(&cut, &data[..data.len() * 2 / 3 + 1]).unwrap();
    let a = replay_file_selecting(&cut, |_| true, |_| true).map_err(|e| e.to_string());
    let b = replay_file_pipelined(&cut, |_| true, |_| true).map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&cut);
    assert!(a.is_err(), "a cut capture must fail");
    assert_eq!(a, b);
}
