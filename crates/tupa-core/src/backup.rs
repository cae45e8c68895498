//! `tupa backup` and `tupa restore`: one file that holds everything an instance on the
//! embedded SQLite needs to come back — the database and the secret key file.
//!
//! Every stored file (attachments, raw mail, logos, materials, application files) lives in
//! the database, so a consistent copy of the database is a consistent copy of the files; on
//! PostgreSQL that copy is PostgreSQL's own business (pg_dump, base backups), and the backup
//! file then carries the key file only.
//!
//! The backup file is a ZIP: `manifest.json`, `tupa.sqlite` (SQLite only) and `secret.key`
//! (when the key lives in the data directory rather than in `TUPA_SECRET_KEY`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;

use crate::config::Settings;
use crate::db::{Backend, Db};
use crate::secrets::KEY_FILE;

const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "tupa.sqlite";
const FORMAT: &str = "tupa-backup";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub backend: String,
    /// Unix seconds when the copy began: every change committed before it is in the copy.
    pub created_at: i64,
    pub tupa_version: String,
    pub has_database: bool,
    pub has_key_file: bool,
}

/// What a backup wrote, for the command to print.
#[derive(Debug)]
pub struct BackupReport {
    pub manifest: Manifest,
    pub database_bytes: Option<u64>,
    /// On PostgreSQL: the command that copies the database itself.
    pub pg_dump_command: Option<String>,
}

/// Writes the backup file. On SQLite the copy is taken with `VACUUM INTO`, which reads one
/// snapshot and so is consistent while `tupa serve` keeps writing (WAL mode).
pub async fn backup(db: &Db, settings: &Settings, to: &Path) -> anyhow::Result<BackupReport> {
    if to.exists() {
        bail!("{} already exists; choose a new file name", to.display());
    }
    let created_at = crate::db::now();
    let key_path = settings.data_dir.join(KEY_FILE);
    let key = match std::fs::read(&key_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", key_path.display())),
    };
    let dir = to.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let snapshot = dir.join(format!(".tupa-backup-{tag}.sqlite"));
    let (database_bytes, pg_dump_command) = match db.backend() {
        Backend::Sqlite => {
            let path = snapshot.to_str().context("the backup path is not valid UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(path.to_string())
                .execute(db.pool())
                .await
                .context("copying the SQLite database failed")?;
            (Some(std::fs::metadata(&snapshot)?.len()), None)
        }
        Backend::Postgres => (None, Some(pg_dump_command(&settings.database_url))),
    };
    let manifest = Manifest {
        format: FORMAT.into(),
        version: 1,
        backend: match db.backend() {
            Backend::Sqlite => "sqlite".into(),
            Backend::Postgres => "postgres".into(),
        },
        created_at,
        tupa_version: env!("CARGO_PKG_VERSION").into(),
        has_database: database_bytes.is_some(),
        has_key_file: key.is_some(),
    };
    let written = write_zip(to, &tag, &manifest, database_bytes.map(|_| snapshot.as_path()), key);
    let _ = std::fs::remove_file(&snapshot);
    written?;
    Ok(BackupReport { manifest, database_bytes, pg_dump_command })
}

/// Writes under a temporary name and renames, so a half-written file never has the name.
fn write_zip(
    to: &Path,
    tag: &str,
    manifest: &Manifest,
    database: Option<&Path>,
    key: Option<Vec<u8>>,
) -> anyhow::Result<()> {
    let dir = to.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let partial = dir.join(format!(".tupa-backup-{tag}.partial"));
    let result = (|| -> anyhow::Result<()> {
        let file = private_file(&partial)?;
        let mut zip = zip::ZipWriter::new(file);
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file(MANIFEST, options)?;
        zip.write_all(&serde_json::to_vec_pretty(manifest)?)?;
        if let Some(path) = database {
            zip.start_file(DATABASE, options)?;
            let mut source = std::fs::File::open(path)?;
            std::io::copy(&mut source, &mut zip)?;
        }
        if let Some(key) = key {
            zip.start_file(KEY_FILE, options)?;
            zip.write_all(&key)?;
        }
        zip.finish()?.sync_all()?;
        std::fs::rename(&partial, to)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.with_context(|| format!("cannot write {}", to.display()))
}

/// The backup holds the key that decrypts stored secrets: readable by its owner only.
fn private_file(path: &Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).with_context(|| format!("cannot create {}", path.display()))
}

/// The pg_dump line for this database, with any password left out of the URL (pg_dump reads
/// it from PGPASSWORD or ~/.pgpass).
fn pg_dump_command(database_url: &str) -> String {
    let mut url = database_url.to_string();
    if let Ok(mut parsed) = reqwest::Url::parse(database_url)
        && parsed.password().is_some()
    {
        let _ = parsed.set_password(None);
        url = parsed.to_string();
    }
    format!("pg_dump --format=custom --file=tupa.pgdump '{url}'")
}

/// What a restore put where.
#[derive(Debug)]
pub struct RestoreReport {
    pub manifest: Manifest,
    pub database: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
}

/// Restores a backup into an empty data directory: the SQLite database to the path
/// `database_url` names and the key file into `data_dir`. Refuses to overwrite anything.
pub fn restore(from: &Path, data_dir: &Path, database_url: &str) -> anyhow::Result<RestoreReport> {
    let file =
        std::fs::File::open(from).with_context(|| format!("cannot open {}", from.display()))?;
    let mut zip = zip::ZipArchive::new(file)
        .with_context(|| format!("{} is not a Tupa backup (not a ZIP file)", from.display()))?;
    let manifest: Manifest = {
        let mut text = String::new();
        zip.by_name(MANIFEST)
            .with_context(|| format!("{} is not a Tupa backup (no manifest)", from.display()))?
            .read_to_string(&mut text)?;
        serde_json::from_str(&text).context("the backup's manifest is not readable")?
    };
    if manifest.format != FORMAT || manifest.version != 1 {
        bail!("{} is not a Tupa backup of a version this release reads", from.display());
    }
    let key_target = data_dir.join(KEY_FILE);
    let database_target = if manifest.has_database {
        let path = sqlite_path(database_url).context(
            "this backup holds a SQLite database, but DATABASE_URL names PostgreSQL; \
             unset DATABASE_URL to restore into the data directory",
        )?;
        Some(path)
    } else {
        None
    };
    for target in database_target.iter().chain(manifest.has_key_file.then_some(&key_target)) {
        if target.exists() {
            bail!("{} already exists: restore only into an empty data directory", target.display());
        }
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    if let Some(target) = &database_target {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        extract(&mut zip, DATABASE, target)?;
    }
    if manifest.has_key_file {
        extract(&mut zip, KEY_FILE, &key_target)?;
    }
    Ok(RestoreReport {
        key_file: manifest.has_key_file.then_some(key_target),
        database: database_target,
        manifest,
    })
}

fn extract(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
    target: &Path,
) -> anyhow::Result<()> {
    let partial = target.with_extension(format!("restoring-{}", uuid::Uuid::new_v4().simple()));
    let result = (|| -> anyhow::Result<()> {
        let mut entry = zip.by_name(name).with_context(|| format!("the backup lacks {name}"))?;
        let mut out = private_file(&partial)?;
        std::io::copy(&mut entry, &mut out)?;
        out.sync_all()?;
        // A hard link, unlike rename, fails when the target appeared in the meantime.
        std::fs::hard_link(&partial, target)?;
        Ok(())
    })();
    let _ = std::fs::remove_file(&partial);
    result.with_context(|| format!("cannot restore {}", target.display()))
}

/// The file a `sqlite:` URL names, or None for another database.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_from_urls() {
        assert_eq!(
            sqlite_path("sqlite://tupa-data/tupa.sqlite?mode=rwc"),
            Some(PathBuf::from("tupa-data/tupa.sqlite"))
        );
        assert_eq!(
            sqlite_path("sqlite:///var/lib/tupa/t.db"),
            Some(PathBuf::from("/var/lib/tupa/t.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/tupa"), None);
    }

    #[test]
    fn pg_dump_leaves_the_password_out() {
        let line = pg_dump_command("postgres://tupa:hunter2@db.example:5432/tupa");
        assert!(!line.contains("hunter2"), "{line}");
        assert!(line.contains("pg_dump") && line.contains("db.example:5432/tupa"), "{line}");
    }
}
