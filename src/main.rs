//! The `mdbook-patterns` command: argument parsing only; the work is in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mdbook_patterns::{
    Diagnostic, build_book, check_data, configured_data_dir, escaped, run_as_preprocessor,
    validate_book,
};

#[derive(Parser)]
#[command(
    name = "mdbook-patterns",
    version,
    about = "An mdBook preprocessor for pattern handbooks",
    long_about = "An mdBook preprocessor for pattern handbooks.\n\nWithout a command, it runs as mdBook's preprocessor: the book as JSON on stdin, the expanded book on stdout."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Exit 0 when RENDERER is supported (mdBook asks this before running the preprocessor).
    Supports { renderer: String },
    /// Build a book in-process, with this preprocessor (no mdbook install needed).
    Build {
        /// The book's root folder, holding book.toml.
        #[arg(default_value = ".")]
        book_dir: PathBuf,
    },
    /// Check the data (and, with --book, every directive of the book) without building; report
    /// every problem at once; exit 1 on any error.
    Validate {
        /// The book's root folder: its configured data folder and its chapters are checked.
        #[arg(long, value_name = "DIR", conflicts_with = "data")]
        book: Option<PathBuf>,
        /// The data folder (default: ./book.toml's data folder if present, else ./patterns-data).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// How to print the problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema of the data files, for editors.
    Schema,
    /// Write the wizard's script and stylesheet into a book and wire them (and this
    /// preprocessor) into its book.toml; safe to run again, keeps book.toml's comments.
    Install {
        /// The book's root folder, holding book.toml.
        #[arg(default_value = ".")]
        book_dir: PathBuf,
    },
    /// Start a new handbook that builds and validates at once: book.toml wired, starter data,
    /// a wizard, a pattern index and a page for each pattern. Never overwrites a file.
    Init {
        /// The new book's folder (created where missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The book's title.
        #[arg(long, default_value = "Pattern Handbook")]
        title: String,
        /// The format of the starter data files.
        #[arg(long, value_enum, default_value_t = DataFormat::Json)]
        format: DataFormat,
    },
    /// Add a pattern or a case study: its data entry (in the data's own format), the chapter
    /// holding its card and that chapter's line in SUMMARY.md.
    #[command(subcommand)]
    New(New),
    /// Print what changed between two versions of the data: patterns added, removed and
    /// renamed, tier moves, replacements, relations, each option's patterns, the decision tree.
    /// Exit status 0: no change; 1: changes; 2: either side could not be read or has errors.
    Diff {
        /// The older data folder (e.g. a `git worktree` of the base branch).
        old: PathBuf,
        /// The newer data folder.
        new: PathBuf,
        /// How to print the changes.
        #[arg(long, value_enum, default_value_t = OutputFormat::Markdown)]
        format: OutputFormat,
    },
    /// Print the recommended stack and recipe for a domain, an option and answers to the
    /// decision tree.
    Recommend {
        /// The data folder (default: ./book.toml's data folder if present, else ./patterns-data).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Use the data folder configured by this book.
        #[arg(long, value_name = "DIR", conflicts_with = "data")]
        book: Option<PathBuf>,
        /// The domain id, e.g. payments-finance.
        #[arg(long)]
        domain: String,
        /// The option id, e.g. zero-data-loss.
        #[arg(long)]
        option: String,
        /// An answer to a question of the decision tree, as NODE=LABEL (repeatable).
        #[arg(long = "answer", value_name = "NODE=LABEL", value_parser = parse_answer)]
        answers: Vec<(String, String)>,
        /// How to print the recommendation.
        #[arg(long, value_enum, default_value_t = OutputFormat::Markdown)]
        format: OutputFormat,
    },
}

#[derive(Subcommand)]
enum New {
    /// Add a pattern: its entry in the data file holding the most patterns of its category, a
    /// chapter `patterns/ID.md` with its card, and the chapter's line in SUMMARY.md.
    Pattern {
        /// The pattern's id, in kebab-case, e.g. circuit-breaker.
        id: String,
        /// Its display name, e.g. "Circuit Breaker".
        #[arg(long)]
        name: String,
        /// Its tier.
        #[arg(long, value_enum)]
        tier: TierArg,
        /// Its category, in kebab-case, e.g. resilience.
        #[arg(long)]
        category: String,
        /// One line saying what it does (inline Markdown).
        #[arg(long)]
        summary: String,
        /// The book's root folder, holding book.toml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        book: PathBuf,
    },
    /// Add a case study: its entry in the data, a chapter `case-studies/ID.md` with its card, and
    /// the chapter's line in SUMMARY.md.
    CaseStudy {
        /// The case study's id, in kebab-case.
        id: String,
        /// Its title.
        #[arg(long)]
        title: String,
        /// The book's root folder, holding book.toml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        book: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum TierArg {
    Gold,
    Silver,
    Bronze,
}

#[derive(Clone, Copy, ValueEnum)]
enum DataFormat {
    Json,
    Yaml,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Markdown,
    Json,
}

fn parse_answer(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((node, label)) if !node.is_empty() && !label.is_empty() => {
            Ok((node.trim().to_owned(), label.trim().to_owned()))
        }
        _ => Err(format!(
            "write the answer as NODE=LABEL, e.g. data-loss=Zero (got \"{text}\")"
        )),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    // A usage error exits 1 like every other error (clap's own convention is 2); --help and
    // --version exit 0.
    let cli = Cli::try_parse().unwrap_or_else(|err| {
        let _ = err.print();
        std::process::exit(i32::from(err.exit_code() != 0));
    });
    let result = match cli.command {
        None => run_as_preprocessor(std::io::stdin().lock(), std::io::stdout().lock()),
        Some(Command::Supports { .. }) => Ok(()),
        Some(Command::Build { book_dir }) => {
            show_mdbooks_log();
            build_book(&book_dir)
        }
        Some(Command::Validate { book, data, format }) => {
            let diagnostics = match (book, data) {
                (_, Some(data)) => {
                    let checked = check_data(&data);
                    // The process ends next; freeing the data piece by piece would only
                    // cost time.
                    std::mem::forget(checked.data);
                    checked.diagnostics
                }
                (Some(book_dir), None) => validate_book(&book_dir),
                (None, None) if std::path::Path::new("book.toml").exists() => {
                    validate_book(std::path::Path::new("."))
                }
                (None, None) => check_data("patterns-data".as_ref()).diagnostics,
            };
            report(&diagnostics, format);
            if diagnostics.iter().any(Diagnostic::is_error) {
                return ExitCode::FAILURE;
            }
            Ok(())
        }
        Some(Command::Recommend {
            data,
            book,
            domain,
            option,
            answers,
            format,
        }) => {
            let dir = match data_dir(data, book) {
                Ok(dir) => dir,
                Err(problems) => {
                    report(&problems, Format::Human);
                    return ExitCode::FAILURE;
                }
            };
            let checked = check_data(&dir);
            if checked.has_errors() {
                report(&checked.diagnostics, Format::Human);
                return ExitCode::FAILURE;
            }
            let selection = mdbook_patterns::Selection {
                domain,
                option,
                answers,
            };
            mdbook_patterns::recommend(&checked.data, &selection)
                .map_err(|e| mdbook_preprocessor::errors::Error::msg(e.to_string()))
                .map(|r| match format {
                    OutputFormat::Markdown => print_escaped(&r.to_markdown(&checked.data.labels)),
                    OutputFormat::Json => println!(
                        "{}",
                        serde_json::to_string_pretty(&r).expect("a recommendation is JSON")
                    ),
                })
        }
        Some(Command::Install { book_dir }) => mdbook_patterns::install(&book_dir)
            .map(|changes| {
                for path in &changes.written {
                    eprintln!("wrote {}", path.display());
                }
                if changes.book_toml_changed {
                    eprintln!("updated {}", book_dir.join("book.toml").display());
                }
                if changes.written.is_empty() && !changes.book_toml_changed {
                    eprintln!("already installed: nothing to do");
                }
            })
            .map_err(mdbook_preprocessor::errors::Error::msg),
        Some(Command::Init { dir, title, format }) => {
            let format = match format {
                DataFormat::Json => mdbook_patterns::DataFormat::Json,
                DataFormat::Yaml => mdbook_patterns::DataFormat::Yaml,
                DataFormat::Toml => mdbook_patterns::DataFormat::Toml,
            };
            mdbook_patterns::init(&dir, &title, format)
                .map(|written| {
                    eprintln!(
                        "wrote a new handbook in {} ({} files); build it with `mdbook build {}`",
                        dir.display(),
                        written.len(),
                        dir.display()
                    );
                })
                .map_err(mdbook_preprocessor::errors::Error::msg)
        }
        Some(Command::New(new)) => {
            let written = match new {
                New::Pattern {
                    id,
                    name,
                    tier,
                    category,
                    summary,
                    book,
                } => {
                    let tier = match tier {
                        TierArg::Gold => mdbook_patterns::model::Tier::Gold,
                        TierArg::Silver => mdbook_patterns::model::Tier::Silver,
                        TierArg::Bronze => mdbook_patterns::model::Tier::Bronze,
                    };
                    let pattern = mdbook_patterns::NewPattern {
                        id,
                        name,
                        tier,
                        category,
                        summary,
                    };
                    mdbook_patterns::new_pattern(&book, &pattern)
                }
                New::CaseStudy { id, title, book } => mdbook_patterns::new_case_study(
                    &book,
                    &mdbook_patterns::NewCaseStudy { id, title },
                ),
            };
            written
                .map(|written| {
                    for path in written {
                        eprintln!("wrote {}", path.display());
                    }
                })
                .map_err(mdbook_preprocessor::errors::Error::msg)
        }
        Some(Command::Diff { old, new, format }) => {
            let (old, new) = (check_data(&old), check_data(&new));
            for side in [&old, &new] {
                if side.has_errors() {
                    report(&side.diagnostics, Format::Human);
                }
            }
            if old.has_errors() || new.has_errors() {
                eprintln!("diff: fix the data above, then compare again");
                return ExitCode::from(2);
            }
            let diff = mdbook_patterns::diff(&old.data, &new.data);
            match format {
                OutputFormat::Markdown => print_escaped(&diff.to_markdown()),
                OutputFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&diff).expect("a diff is JSON")
                ),
            }
            return match diff.is_empty() {
                true => ExitCode::SUCCESS,
                false => ExitCode::from(1),
            };
        }
        Some(Command::Schema) => {
            print!("{}", mdbook_patterns::data_file_schema());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // mdBook's errors name chapters and quote book.toml: escaped like every message.
            eprintln!("error: {}", escaped(&err.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// Markdown for a terminal or a file: the data's control characters are shown escaped, line by
/// line, as in every other human output.
fn print_escaped(markdown: &str) {
    for line in markdown.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(line) => println!("{}", escaped(line)),
            None => print!("{}", escaped(line)),
        }
    }
}

/// The data folder: `--data`, else the one `--book` configures, else `./book.toml`'s, else
/// `./patterns-data`.
fn data_dir(data: Option<PathBuf>, book: Option<PathBuf>) -> Result<PathBuf, Vec<Diagnostic>> {
    match (data, book) {
        (Some(data), _) => Ok(data),
        (None, Some(book_dir)) => configured_data_dir(&book_dir),
        (None, None) if std::path::Path::new("book.toml").exists() => {
            configured_data_dir(std::path::Path::new("."))
        }
        (None, None) => Ok(PathBuf::from("patterns-data")),
    }
}

/// Human output goes to stderr with a summary line; JSON output goes to stdout, always an array.
/// mdBook's own messages (its warnings, errors and progress), on stderr as `mdbook build` shows
/// them: from the `info` level, or as `MDBOOK_LOG` says (`MDBOOK_LOG=warn` for warnings only).
fn show_mdbooks_log() {
    let filter = tracing_subscriber::EnvFilter::builder()
        .with_env_var("MDBOOK_LOG")
        .with_default_directive(tracing_subscriber::filter::LevelFilter::INFO.into())
        .from_env_lossy();
    // As mdBook does: the template and HTML parsers' chatter only when asked for by name.
    let asked = std::env::var("MDBOOK_LOG").unwrap_or_default();
    let filter = ["handlebars", "html5ever"]
        .into_iter()
        .filter(|target| !asked.split(',').any(|d| d.starts_with(target)))
        .fold(filter, |filter, target| {
            filter.add_directive(format!("{target}=warn").parse().expect("a directive"))
        });
    tracing_subscriber::fmt()
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_target(!asked.is_empty())
        .init();
}

fn report(diagnostics: &[Diagnostic], format: Format) {
    match format {
        Format::Json => println!("{}", mdbook_patterns::render_json(diagnostics)),
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for d in diagnostics {
                let _ = write!(err, "{}", d.render_human());
            }
            let summary = mdbook_patterns::summary(diagnostics);
            let _ = writeln!(err, "{}", summary.as_deref().unwrap_or("no problems found"));
        }
    }
}
