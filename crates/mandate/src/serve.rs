//! `mandate serve`

use std::path::PathBuf;

use anyhow::Context as _;
use mandate_server::config::{Config, LogFormat, Overrides};
use mandate_server::{Gateway, serve};
use tracing_subscriber::EnvFilter;

use crate::Outcome;

/// Flags of `mandate serve`; they win over the config file and `MANDATE_*` variables.
#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// A TOML config file.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Data directory (embedded database, keys, bootstrap token). Default `./mandate-data`.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Listening address. Default `127.0.0.1:8470`.
    #[arg(long)]
    listen: Option<String>,
    /// Use PostgreSQL (`postgres://…`) instead of the embedded store.
    #[arg(long)]
    database_url: Option<String>,
}

pub(crate) async fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    let config = Config::load(
        args.config.as_deref(),
        std::env::vars(),
        Overrides {
            data_dir: args.data_dir,
            listen: args.listen,
            database_url: args.database_url,
        },
    )?;
    init_logging(&config)?;
    let started = Gateway::start(config.clone())
        .await
        .context("cannot start the gateway")?;
    if let Some(path) = &started.bootstrap_token_file {
        println!("bootstrap admin token written to {}", path.display());
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    println!("mandate listening on http://{addr}");
    tracing::info!(%addr, data_dir = %config.data_dir.display(), "mandate started");
    serve(started.gateway, listener, shutdown_signal()).await?;
    tracing::info!("mandate stopped");
    Ok(Outcome::Ok)
}

fn init_logging(config: &Config) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(&config.log_level)
        .with_context(|| format!("`log.level`: `{}` is not a valid filter", config.log_level))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match config.log_format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("cannot start logging: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
