//! `tupa`: one binary for the server and its operations.

mod commands;
mod config;
mod fds;
mod logging;
mod mail_gate;
mod memory;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tupa",
    version,
    about = "Tupa: service desk, guidance spaces and recruitment for the Finnish public sector"
)]
struct Cli {
    #[command(flatten)]
    common: config::Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (applies migrations first).
    Serve {
        /// Address and port to listen on.
        #[arg(long, env = "TUPA_LISTEN")]
        listen: Option<String>,
        /// Serve Prometheus metrics at /metrics on this address:port, apart from the public
        /// listener (default: off). Keep it reachable from the monitoring host only.
        #[arg(long, env = "TUPA_METRICS_LISTEN")]
        metrics_listen: Option<String>,
        #[command(flatten)]
        oidc: config::Oidc,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// First-run setup without the browser: the operator organisation and first platform admin.
    Setup {
        #[arg(long)]
        operator_name: String,
        #[arg(long, default_value = "tupa")]
        operator_slug: String,
        #[arg(long)]
        admin_email: String,
        #[arg(long)]
        admin_name: String,
        /// Read the admin's password from standard input (required).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Organisations.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// User accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Fill the instance with a demo organisation (training environment only). Safe to run
    /// again: it adds what is missing and prints passwords only of accounts it made.
    Demo {
        /// Give every demo account a new password (and the demo platform admin a new second
        /// factor), printed once.
        #[arg(long)]
        reset_passwords: bool,
        /// Also add this many synthetic tickets across four training organisations (for
        /// performance figures and benchmarks).
        #[arg(long, default_value_t = 0)]
        tickets: u64,
        /// Also add this many synthetic job ads, in every state, across the same organisations.
        #[arg(long, default_value_t = 0)]
        ads: u64,
    },
    /// Incoming mail.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Strong identification of clients (OpenID Connect, FTN profile).
    Oidc {
        #[command(subcommand)]
        command: OidcCommand,
    },
    /// Service desk settings.
    Desk {
        #[command(subcommand)]
        command: DeskCommand,
    },
    /// Lifecycle and retention steps (also run hourly by `serve`).
    Maintenance {
        #[command(subcommand)]
        command: MaintenanceCommand,
    },
    /// Back up the instance to one file: on SQLite a consistent copy of the database (taken
    /// while `serve` runs; every stored file is in it) and the key file; on PostgreSQL the
    /// key file, and it prints the pg_dump command for the database.
    Backup {
        /// The backup file to write (must not exist yet).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Restore a backup made by `tupa backup` into an empty data directory.
    Restore {
        /// The backup file to read.
        #[arg(long)]
        from: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum MaintenanceCommand {
    /// Run every lifecycle and retention step that is due (close idle guidance spaces,
    /// archive, delete, warn, remove unseen accounts) and print one line per step.
    Run {
        /// Run as of this moment (RFC 3339, e.g. 2027-01-31T12:00:00Z) instead of now. A
        /// moment in the future only in the training environment (testing and previewing);
        /// the past is refused.
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Read one RFC 5322 message on standard input (the hook an MTA pipes into). Exit 0 and
    /// the case number when stored; 65 with the reason when refused (the message is kept for
    /// inspection); 75 when it could not be stored at all (the MTA should retry).
    Ingest {
        /// The envelope recipient, as the MTA passes it (for example Postfix's ${recipient}).
        #[arg(long)]
        recipient: Option<String>,
    },
}

#[derive(Subcommand)]
enum OidcCommand {
    /// Make new signing and encryption keys. The old ones stay published at /oidc/jwks.json
    /// (and usable for decryption) for 7 days, until no token made for them can arrive.
    RotateKeys,
}

#[derive(Subcommand)]
enum DeskCommand {
    /// Desk addresses.
    Address {
        #[command(subcommand)]
        command: DeskAddressCommand,
    },
}

#[derive(Subcommand)]
enum DeskAddressCommand {
    /// Map an e-mail address to an organisation's queue (the first queue when none is named).
    Add {
        #[arg(long)]
        org: String,
        #[arg(long)]
        address: String,
        /// Queue name.
        #[arg(long)]
        queue: Option<String>,
    },
    /// Fetch an address's mail from an IMAP mailbox (read by `tupa serve`).
    Imap {
        #[command(subcommand)]
        command: DeskImapCommand,
    },
}

#[derive(Subcommand)]
enum DeskImapCommand {
    /// Set or change the mailbox. The password is read from standard input (required the first
    /// time; without --password-stdin a change keeps the stored one).
    Set {
        #[arg(long)]
        org: String,
        /// The desk address (already added with `tupa desk address add`).
        #[arg(long)]
        address: String,
        /// IMAP server name.
        #[arg(long)]
        host: String,
        /// Default 993 with tls, 143 with starttls.
        #[arg(long)]
        port: Option<u16>,
        /// tls (implicit TLS, default) or starttls.
        #[arg(long, default_value = "tls")]
        security: String,
        /// User name of the mailbox.
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "INBOX")]
        folder: String,
        /// Read the mailbox's password from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Store the settings but do not fetch yet.
        #[arg(long)]
        disabled: bool,
    },
    /// Show the mailbox's settings and when it was last read (never the password).
    Show {
        #[arg(long)]
        org: String,
        #[arg(long)]
        address: String,
    },
    /// Stop fetching the address's mail by IMAP (the address stays).
    Remove {
        #[arg(long)]
        org: String,
        #[arg(long)]
        address: String,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Create a customer organisation.
    Create {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        /// Plan slug (full, full-managed, desk, …; `none` for no capability until a plan is
        /// set). The default gives every capability, as a newcomer expects.
        #[arg(long, default_value = "full")]
        plan: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a person to an organisation with a role. Without --password-stdin an invitation is mailed.
    Create {
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        /// platform-admin, main-admin, adviser, counsellor, supervisor or recruiter.
        #[arg(long)]
        role: String,
        /// Display name (default: the part of the address before @).
        #[arg(long)]
        name: Option<String>,
        /// Read a password from standard input instead of sending an invitation.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a person and print it (shown once; stored hashed).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

/// Rust's allocations go to mimalloc (see `memory`); SQLite's own stay with glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    memory::bound_arenas();
    let cli = Cli::parse();
    // Before any HTTPS client is built (reqwest has no provider of its own).
    tupa_core::http::install_crypto_provider();
    if let Err(e) = logging::init() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    // `mail ingest` runs once per message (an MTA starts it): one thread is all it needs, and
    // starting a pool of worker threads is part of what each message would cost.
    let mut builder = match cli.command {
        Command::Mail { .. } => tokio::runtime::Builder::new_current_thread(),
        _ => tokio::runtime::Builder::new_multi_thread(),
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        use commands as c;
        match cli.command {
                Command::Serve { listen, metrics_listen, oidc } => {
                    if let Some(n) = fds::raise_limit() {
                        tracing::info!(open_files = n, "limit on open files (sockets)");
                    }
                    c::serve(&cli.common, listen.as_deref(), metrics_listen.as_deref(), &oidc).await
                }
                Command::Oidc { command: OidcCommand::RotateKeys } => {
                    c::oidc_rotate_keys(&cli.common).await
                }
                Command::Migrate => c::migrate(&cli.common).await,
                Command::Setup {
                    operator_name,
                    operator_slug,
                    admin_email,
                    admin_name,
                    password_stdin,
                } => {
                    c::setup(
                        &cli.common,
                        &operator_name,
                        &operator_slug,
                        &admin_email,
                        &admin_name,
                        password_stdin,
                    )
                    .await
                }
                Command::Org { command: OrgCommand::Create { slug, name, plan } } => {
                    c::org_create(&cli.common, &slug, &name, &plan).await
                }
                Command::User {
                    command: UserCommand::Create { org, email, role, name, password_stdin },
                } => {
                    c::user_create(
                        &cli.common,
                        &org,
                        &email,
                        &role,
                        name.as_deref(),
                        password_stdin,
                    )
                    .await
                }
                Command::Token { command: TokenCommand::Create { email, name } } => {
                    c::token_create(&cli.common, &email, &name).await
                }
                Command::Demo { reset_passwords, tickets, ads } => {
                    let bulk = tupa_core::demo::bulk::BulkOptions { tickets, ads };
                    c::demo(&cli.common, reset_passwords, bulk).await
                }
                Command::Maintenance { command: MaintenanceCommand::Run { at } } => {
                    c::maintenance_run(&cli.common, at.as_deref()).await
                }
                Command::Backup { to } => c::backup(&cli.common, &to).await,
                Command::Restore { from } => c::restore(&cli.common, &from),
                Command::Mail { command: MailCommand::Ingest { recipient } } => {
                    return c::mail_ingest(&cli.common, recipient.as_deref()).await;
                }
                Command::Desk {
                    command:
                        DeskCommand::Address {
                            command: DeskAddressCommand::Add { org, address, queue },
                        },
                } => c::desk_address_add(&cli.common, &org, &address, queue.as_deref()).await,
                Command::Desk {
                    command: DeskCommand::Address { command: DeskAddressCommand::Imap { command } },
                } => match command {
                    DeskImapCommand::Set {
                        org,
                        address,
                        host,
                        port,
                        security,
                        user,
                        folder,
                        password_stdin,
                        disabled,
                    } => {
                        let input = tupa_core::desk::mailboxes::ImapInput {
                            host,
                            port,
                            security: Some(security),
                            username: user,
                            password: None,
                            folder: Some(folder),
                            enabled: !disabled,
                        };
                        c::desk_imap_set(&cli.common, &org, &address, input, password_stdin).await
                    }
                    DeskImapCommand::Show { org, address } => {
                        c::desk_imap_show(&cli.common, &org, &address).await
                    }
                    DeskImapCommand::Remove { org, address } => {
                        c::desk_imap_remove(&cli.common, &org, &address).await
                    }
                },
            }
            .map(|()| ExitCode::SUCCESS)
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
