//! `caseload config set KEY VALUE` and `caseload config show`: the settings
//! a practitioner sets from the command line (who writes the notes), kept
//! in `config.toml`. No database is opened.

use anyhow::{Result, anyhow};
use clap::Subcommand;

use crate::author::{self, SETTABLE};
use crate::config::Config;

/// Config subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Set one setting: author.name, author.role, author.team or
    /// author.registration (your Social Work England number); an empty
    /// value removes it.
    Set {
        /// The setting, such as author.name.
        key: String,
        /// Its value, one line.
        value: String,
    },
    /// Show the config file's path and the author settings.
    Show,
}

/// Runs a config subcommand.
pub fn run(cmd: ConfigCmd) -> Result<()> {
    let path = Config::path()
        .ok_or_else(|| anyhow!("no config folder on this system; set CASELOAD_CONFIG"))?;
    match cmd {
        ConfigCmd::Set { key, value } => {
            author::set_in_file(&path, &key, &value).map_err(|e| anyhow!(e))?;
            let value = value.trim();
            if value.is_empty() {
                println!("{key} removed.");
            } else {
                println!("{key} set to \"{}\".", crate::domain::text::one_line(value));
            }
        }
        ConfigCmd::Show => {
            let config = Config::load_from(&path)?;
            println!("Config file: {}", path.display());
            for (key, about) in SETTABLE {
                let value = config.author.get(key).unwrap_or("(not set)");
                println!(
                    "{key:<20} {}   # {about}",
                    crate::domain::text::one_line(value)
                );
            }
            println!("Notes you seal say: {}", config.author.shown());
        }
    }
    Ok(())
}
