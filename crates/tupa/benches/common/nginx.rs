//! The yardstick of the public pages' benchmark: Debian's nginx (`nginx-light`) serving the
//! bytes Tupa answered as static files on a loopback port, and `wrk` (Debian) as the load
//! generator with keep-alive clients. Either missing: the caller says so and skips the rows.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Nginx {
    child: Child,
    pub base: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The nginx binary, if installed.
pub fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"].iter().map(PathBuf::from).find(|p| p.exists())
}

/// True when `wrk` runs.
pub fn have_wrk() -> bool {
    Command::new("wrk")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Starts nginx on a free loopback port serving `files` (name, bytes) from a directory of
/// `dir`, with as many workers as cores, no access log, keep-alive on.
pub async fn start(dir: &Path, files: &[(&str, &[u8])]) -> Option<Nginx> {
    let binary = nginx_binary()?;
    let root = dir.join("nginx-root");
    std::fs::create_dir_all(&root).ok()?;
    for (name, bytes) in files {
        std::fs::write(root.join(name), bytes).ok()?;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let prefix = dir.join("nginx");
    std::fs::create_dir_all(&prefix).ok()?;
    let p = prefix.display();
    let conf = format!(
        "worker_processes auto;
daemon off;
pid {p}/nginx.pid;
error_log {p}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {p}/body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    types {{ text/html html; application/rss+xml rss; }}
    keepalive_requests 1000000;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
",
        root = root.display()
    );
    let conf_path = prefix.join("nginx.conf");
    std::fs::write(&conf_path, conf).ok()?;
    let child = Command::new(binary)
        .args(["-p", &p.to_string(), "-c", &conf_path.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let base = format!("http://127.0.0.1:{port}");
    let nginx = Nginx { child, base };
    let client = reqwest::Client::new();
    for _ in 0..50 {
        if client.get(format!("{}/{}", nginx.base, files[0].0)).send().await.is_ok() {
            return Some(nginx);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// Requests per second of `url` by wrk: 2 threads, 8 keep-alive connections, `seconds` long.
pub fn wrk(url: &str, seconds: u32) -> Option<f64> {
    let out =
        Command::new("wrk").args(["-t2", "-c8", &format!("-d{seconds}s"), url]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        panic!("wrk saw errors from {url}: {text}");
    }
    text.lines().find_map(|l| l.strip_prefix("Requests/sec:")).and_then(|v| v.trim().parse().ok())
}
