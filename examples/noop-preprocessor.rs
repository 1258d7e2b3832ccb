//! The floor of the benchmarks: an mdBook preprocessor that does nothing to the book. Reads
//! mdBook's `[context, book]` on stdin and writes the book back on stdout.
//!
//! By default it reads with `mdbook_preprocessor::parse_input`, the path every preprocessor
//! built on `mdbook-preprocessor` is offered (serde_json reading straight from stdin). With
//! `--read-whole` it reads stdin into memory first and parses that, as mdbook-patterns does,
//! which is markedly faster: the floor of our own read path.
//!
//! ```sh
//! cargo run --release --example noop-preprocessor < target/corpus/scale-1/input.json > /dev/null
//! cargo run --release --example noop-preprocessor -- --read-whole < target/corpus/scale-1/input.json > /dev/null
//! ```

use std::io::{Read, Write};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::Book;

fn main() {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("supports") {
        return;
    }
    let input: Result<(PreprocessorContext, Book), String> =
        if arg.as_deref() == Some("--read-whole") {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| e.to_string())
                .and_then(|_| serde_json::from_str(&text).map_err(|e| e.to_string()))
        } else {
            mdbook_preprocessor::parse_input(std::io::stdin()).map_err(|e| e.to_string())
        };
    let (_ctx, book) = match input {
        Ok(input) => input,
        Err(e) => {
            eprintln!("noop-preprocessor: {e}");
            std::process::exit(1);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = serde_json::to_writer(&mut out, &book).map(|_| out.flush()) {
        eprintln!("noop-preprocessor: {e}");
        std::process::exit(1);
    }
}
