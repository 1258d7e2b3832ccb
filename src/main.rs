//! The `mdbook-patterns` command: argument parsing only; the work is in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mdbook_patterns::diagnostic::{self, Diagnostic};

#[derive(Parser)]
#[command(
    name = "mdbook-patterns",
    version,
    about = "An mdBook preprocessor for pattern handbooks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the data folder and report every problem at once; exit 1 on any error.
    Validate {
        /// The data folder (default: ./patterns-data).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// How to print the problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema of the data files, for editors.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { data, format } => {
            let dir = data.unwrap_or_else(|| PathBuf::from("patterns-data"));
            let checked = mdbook_patterns::check_data(&dir);
            report(&checked.diagnostics, format);
            if checked.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Schema => {
            print!("{}", mdbook_patterns::schema::data_file_schema());
            ExitCode::SUCCESS
        }
    }
}

/// Human output goes to stderr with a summary line; JSON output goes to stdout, always an array.
fn report(diagnostics: &[Diagnostic], format: Format) {
    match format {
        Format::Json => println!("{}", diagnostic::render_json(diagnostics)),
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for d in diagnostics {
                let _ = write!(err, "{}", d.render_human());
            }
            match diagnostic::summary(diagnostics) {
                Some(summary) => {
                    let _ = writeln!(err, "{summary}");
                }
                None => {
                    let _ = writeln!(err, "no problems found");
                }
            }
        }
    }
}
