//! `prep init`: write a commented `lints.toml` with every section, rule and default.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::cli::temp_files::{TempFile, rename_all};
use crate::cli::write::check_target;
use crate::cli::{Exit, Outcome, fatal};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(long, value_name = "FILE", default_value = "lints.toml")]
    pub output: PathBuf,

    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

pub fn execute(args: &InitArgs, stdout: &mut dyn Write) -> Outcome {
    let path = &args.output;
    // Even with --force: renaming over a FIFO or a link would replace it, as for an export.
    if let Err(report) = check_target(path, "--output") {
        return fatal(report);
    }
    if path.exists() && !args.force {
        return fatal(miette::miette!(
            help = "edit it, or pass --force to replace it",
            "{} already exists",
            path.display()
        ));
    }
    // Written next to the target and renamed into place: an interrupted write leaves no partial file.
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let result = TempFile::new_in(dir).and_then(|mut tmp| {
        // Temporary files are private (0600); a configuration file is an ordinary one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()?
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        tmp.as_file_mut()?
            .write_all(crate::config_template::template().as_bytes())?;
        rename_all(vec![(tmp, path.clone())]).map_err(|(_, err)| err)
    });
    match result {
        Ok(()) => match writeln!(stdout, "wrote {}", path.display()) {
            Ok(()) => Outcome {
                exit: Exit::Ok,
                reports: Vec::new(),
            },
            Err(err) => fatal(miette::miette!("cannot write output: {err}")),
        },
        Err(err) => fatal(miette::miette!("{}: cannot write: {err}", path.display())),
    }
}
