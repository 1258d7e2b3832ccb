//! The floor of the benchmarks: an mdBook preprocessor that does nothing to the book, on the same
//! `mdbook-preprocessor` parse and serialize path as mdbook-patterns. No preprocessor can be
//! faster. Reads mdBook's `[context, book]` on stdin and writes the book back on stdout.
//!
//! ```sh
//! cargo run --release --example noop-preprocessor < target/corpus/scale-1/input.json > /dev/null
//! ```

use std::io::Write;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("supports") {
        return;
    }
    let (_ctx, book) = match mdbook_preprocessor::parse_input(std::io::stdin()) {
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
