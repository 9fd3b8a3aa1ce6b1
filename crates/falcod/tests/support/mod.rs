//! Helpers of the daemon tests: scratch directories, the falcod binary run once or as a
//! long-running daemon, and a tiny HTTP receiver standing in for Falcosidekick.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A rule that matches every open of the shared captures.
pub const OPEN_RULE: &str = "\
- rule: any open
  desc: every open
  condition: evt.type in (open, openat)
  output: open %fd.name by %proc.name
  priority: WARNING
  tags: [fs, test]
";

/// A scratch directory under the system temp dir, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "falcod-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    pub fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, content).expect("write file");
        path.to_string_lossy().into_owned()
    }

    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A shared capture, or `None` (skipped locally, a failure in CI).
pub fn capture(name: &str) -> Option<String> {
    let dir = falcod_conformance::shared_captures_dir_or_skip()?;
    Some(dir.join(name).to_string_lossy().into_owned())
}

/// The binary with syslog off (tests must not write to the host's syslog).
pub fn falcod() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_falcod"));
    c.args(["-o", "syslog_output.enabled=false"]);
    c.env("FALCO_HOSTNAME", "test-host");
    c
}

/// Runs to the end.
pub fn run(args: &[&str]) -> Output {
    falcod().args(args).output().expect("run falcod")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Polls `cond` every 20 ms for up to `secs` seconds.
pub fn wait_until(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < until {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    cond()
}

/// A falcod running in the background, its stdout lines and stderr collected as they come.
pub struct Daemon {
    pub child: Child,
    pub out: Arc<Mutex<Vec<String>>>,
    pub err: Arc<Mutex<String>>,
}

impl Daemon {
    pub fn start(args: &[&str]) -> Daemon {
        let mut child = falcod()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start falcod");
        let out = Arc::new(Mutex::new(Vec::new()));
        let err = Arc::new(Mutex::new(String::new()));
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        {
            let out = Arc::clone(&out);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    out.lock().unwrap().push(line);
                }
            });
        }
        {
            let err = Arc::clone(&err);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let mut e = err.lock().unwrap();
                    e.push_str(&line);
                    e.push('\n');
                }
            });
        }
        Daemon { child, out, err }
    }

    pub fn lines(&self) -> Vec<String> {
        self.out.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.err.lock().unwrap().clone()
    }

    /// Sends a signal by name (`HUP`, `TERM`) with kill(1).
    pub fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args(["-s", name, &self.child.id().to_string()])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -s {name} failed");
    }

    /// Waits for the exit (at most `secs`), returning the exit code.
    pub fn wait(&mut self, secs: u64) -> Option<i32> {
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Let the reader threads take the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return status.code();
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!(
                    "falcod did not exit in {secs} s; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The port the web server logged.
    pub fn webserver_port(&self) -> u16 {
        let mut port = None;
        wait_until(10, || {
            port = self
                .stderr()
                .lines()
                .find_map(|l| l.split("listening on 127.0.0.1:").nth(1))
                .and_then(|p| p.trim().parse().ok());
            port.is_some()
        });
        port.unwrap_or_else(|| panic!("no web server port in:\n{}", self.stderr()))
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Request {
    pub head: String,
    pub body: String,
}

/// How the test receiver behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Answers 200 to every POST.
    Ok,
    /// Accepts connections and never answers.
    Hang,
}

/// A tiny HTTP server on 127.0.0.1 recording the requests it gets.
pub struct Receiver {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl Receiver {
    pub fn start(mode: Mode) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind receiver");
        let port = listener.local_addr().expect("addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                if mode == Mode::Hang {
                    held.push(stream);
                    continue;
                }
                let recorded = Arc::clone(&recorded);
                std::thread::spawn(move || serve(stream, &recorded));
            }
        });
        Receiver { port, requests }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, recorded: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut head = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let close = head.to_ascii_lowercase().contains("connection: close");
        recorded.lock().unwrap().push(Request {
            head,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let _ = reader
            .get_mut()
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        if close {
            return;
        }
    }
}

/// A port nothing listens on (bound, then released).
pub fn refused_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `GET path` on the local web server: (status, body).
pub fn http_get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to the web server");
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read");
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}
