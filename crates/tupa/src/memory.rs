//! The process's memory allocators.
//!
//! Rust's allocations go to mimalloc (`main.rs`, `#[global_allocator]`). Under load glibc's
//! malloc was a quarter of the CPU of a cached public page (`perf`: `_int_free`, `malloc`,
//! `malloc_consolidate`), and its arenas kept what a burst had used. `cargo bench -p tupa
//! --bench serve` (5 December 2026; one glibc run, two mimalloc runs, a noisy machine):
//! `/api/v1/me` with 32 clients 14 089 → 21 235–38 057 req/s on SQLite and 10 343 →
//! 11 975–16 972 on PostgreSQL; RSS after that load 99.8 → 71.2–77.1 MiB and 246.9 →
//! 65.6–70.7 MiB; idle 58.3 → 58.3–80.1 and 53.8 → 51.7–69.4 MiB. `wrk` of an ad page from
//! the cache, 8 clients: 53 000–55 000 → 65 000–67 000 req/s. Under the soak's mixed load
//! (100 requests/s) it holds more than glibc with two arenas did (SQLite about 120 MiB,
//! flat; PostgreSQL between 120 and 240, returned and taken again without a trend; glibc
//! about 85 and 77) with lower latency (p99 2.4 and 5.6 ms against 4.8 and 7.3). Its default
//! options are kept: returning freed memory after 10 ms instead of a second
//! (`MIMALLOC_PURGE_DELAY=10`) changed neither the throughput nor the RSS beyond the noise.
//!
//! SQLite's own allocations (C, bundled) still use glibc's malloc, hence the rest of this.
//! glibc gives every thread that allocates under contention an arena of its own, up to eight
//! per core, and returns little of an arena's memory once it is fragmented. SQLite runs each
//! pooled connection on a thread of its own and tokio adds its workers and blocking threads,
//! so `tupa serve` on SQLite kept gaining about 0.2–0.3 MiB a minute under a steady load for
//! as long as the soak benchmark ran, while the same load on PostgreSQL levelled off. Two
//! arenas made the growth flat after the warm-up and cost nothing measurable in latency (see
//! the README's soak figures), so the server starts with two unless the operator chose
//! otherwise with glibc's own `MALLOC_ARENA_MAX`.

/// The arenas glibc may make. Two: one for the async workers, one for the rest, is plenty
/// for a server whose allocations are short-lived request buffers.
pub const ARENA_MAX: i32 = 2;

/// Bounds glibc's malloc arenas, unless `MALLOC_ARENA_MAX` is set (glibc has read it then).
/// Must run before the runtime starts its threads: arenas made before it stay.
pub fn bound_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes the allocator's tuning; called while the process has
        // one thread, before anything else allocates concurrently.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, ARENA_MAX);
        }
    }
}
