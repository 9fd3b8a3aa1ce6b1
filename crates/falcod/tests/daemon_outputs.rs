//! The daemon's outputs end to end: a shared capture replayed (`--replay`) with stdout, HTTP
//! (a local receiver standing in for Falcosidekick), file and program outputs; a receiver that
//! hangs or refuses costs only its own alerts.

mod support;

use serde_json::Value;
use support::*;

const CAPTURE: &str = "libs_curl_google.scap";

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn json_alerts_on_stdout_and_the_same_alerts_posted_as_falcosidekick_payloads() {
    let Some(capture) = capture(CAPTURE) else {
        return;
    };
    let dir = Scratch::new("http");
    let rules = dir.file("r.yaml", OPEN_RULE);
    let receiver = Receiver::start(Mode::Ok);
    let url = format!("http_output.url={}", receiver.url());
    let o = run(&[
        "--replay",
        &capture,
        "-r",
        &rules,
        "-o",
        "json_output=true",
        "-o",
        "http_output.enabled=true",
        "-o",
        &url,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let alerts = json_lines(&stdout(&o));
    assert!(alerts.len() > 10, "only {} alerts", alerts.len());
    for a in &alerts {
        // Falco's JSON alert: the keys Falcosidekick's FalcoPayload reads, nothing else.
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "hostname",
                "output",
                "output_fields",
                "priority",
                "rule",
                "source",
                "tags",
                "time"
            ]
        );
        assert_eq!(a["hostname"], "test-host");
        assert_eq!(a["rule"], "any open");
        assert_eq!(a["priority"], "Warning");
        assert_eq!(a["source"], "syscall");
        assert_eq!(a["tags"], serde_json::json!(["fs", "test"]));
        assert!(a["output_fields"]["fd.name"].is_string());
        assert!(a["output_fields"]["evt.time"].is_u64());
    }
    // Every alert reached the receiver, in order, as a POST of the same JSON object.
    let requests = receiver.requests();
    let bodies: Vec<Value> = requests
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(bodies, alerts);
    let head = requests[0].head.to_ascii_lowercase();
    assert!(head.starts_with("post / http/1.1"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("user-agent: falcosecurity/falco"), "{head}");

    // Text alerts on stdout: the receiver still gets JSON, with the text line as `output`.
    let receiver = Receiver::start(Mode::Ok);
    let url = format!("http_output.url={}", receiver.url());
    let o = run(&[
        "--replay",
        &capture,
        "-r",
        &rules,
        "-o",
        "http_output.enabled=true",
        "-o",
        &url,
        "-o",
        "http_output.keep_alive=true",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    let posted: Vec<String> = receiver
        .requests()
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["output"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(posted, text);
}

#[test]
fn a_hanging_or_refusing_receiver_loses_only_its_own_alerts() {
    let Some(capture) = capture(CAPTURE) else {
        return;
    };
    let dir = Scratch::new("deadhttp");
    let rules = dir.file("r.yaml", OPEN_RULE);
    let reference = run(&["--replay", &capture, "-r", &rules]);
    let want = stdout(&reference);
    assert!(want.lines().count() > 10);

    let hanging = Receiver::start(Mode::Hang);
    let refused = format!("http://127.0.0.1:{}/", refused_port());
    // A hanging receiver fills its queue (drops); a refusing one fails each alert fast.
    for (url, loss) in [
        (
            hanging.url(),
            "http_output: queue full (4 alerts), alert dropped",
        ),
        (refused, "http_output: alert not delivered: cannot connect"),
    ] {
        let url_opt = format!("http_output.url={url}");
        let o = run(&[
            "--replay",
            &capture,
            "-r",
            &rules,
            "-o",
            "http_output.enabled=true",
            "-o",
            &url_opt,
            "-o",
            "output_timeout=200",
            "-o",
            "outputs_queue.capacity=4",
        ]);
        assert_eq!(o.status.code(), Some(0), "{url}: {}", stderr(&o));
        // A replay's stdout waits for room: all alerts, though every queue holds only 4.
        assert_eq!(stdout(&o), want, "{url}: stdout alerts lost");
        let err = stderr(&o);
        assert!(err.contains(loss), "{err}");
        // The loss is logged and counted at exit.
        let summary = err
            .lines()
            .find(|l| l.contains("http_output:") && l.contains("alerts delivered"))
            .unwrap_or_else(|| panic!("{url}: no loss summary in:\n{err}"));
        assert!(summary.contains("0 alerts delivered"), "{summary}");
    }
    // The hanging receiver saw connections but answered nothing.
    assert!(hanging.requests().is_empty());
}

#[test]
fn file_and_program_outputs_write_the_alerts() {
    let Some(capture) = capture(CAPTURE) else {
        return;
    };
    let dir = Scratch::new("fileprog");
    let rules = dir.file("r.yaml", OPEN_RULE);
    for keep_alive in ["false", "true"] {
        let file = dir.path(&format!("events-{keep_alive}.txt"));
        let piped = dir.path(&format!("program-{keep_alive}.txt"));
        // The program reads alerts on stdin; its command line never contains an alert.
        let program = format!("program_output.program=cat >> '{piped}'");
        let o = run(&[
            "--replay",
            &capture,
            "-r",
            &rules,
            "-o",
            "json_output=true",
            "-o",
            "file_output.enabled=true",
            "-o",
            &format!("file_output.filename={file}"),
            "-o",
            &format!("file_output.keep_alive={keep_alive}"),
            "-o",
            "program_output.enabled=true",
            "-o",
            &program,
            "-o",
            &format!("program_output.keep_alive={keep_alive}"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let want = stdout(&o);
        assert!(want.lines().count() > 10);
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            want,
            "file_output keep_alive={keep_alive}"
        );
        assert_eq!(
            std::fs::read_to_string(&piped).unwrap(),
            want,
            "program_output keep_alive={keep_alive}"
        );
    }
}

#[test]
fn https_and_bad_output_settings_are_clear_errors() {
    let o = run(&[
        "--dry-run",
        "-o",
        "http_output.enabled=true",
        "-o",
        "http_output.url=https://x/",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("https is not supported"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--dry-run", "-o", "output_timeout=soon"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("key 'output_timeout'"),
        "{}",
        stderr(&o)
    );
}
