//! A release `tupa serve` as a separate process on loopback, as a deployment runs it, and
//! its memory as the kernel reports it. Shared by the `serve` and `soak` benchmarks (the
//! others start theirs with options of their own).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tupa serve` on a free port with `env` (logging at warn unless `env` says
/// otherwise) and waits until it answers `/healthz`.
pub async fn start(env: &[(String, String)]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("TUPA_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let server = Server { child: cmd.spawn().unwrap(), base: format!("http://127.0.0.1:{port}") };
    for _ in 0..100 {
        if reqwest::get(format!("{}/healthz", server.base)).await.is_ok() {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("tupa serve did not start");
}

/// A `/proc/<pid>/status` field in KiB (VmRSS, RssAnon) or a count (Threads).
pub fn status_field(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}
