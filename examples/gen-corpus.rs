//! Writes a large, deterministic handbook for benchmarks: a book of chapters with prose, code
//! blocks, tables and lists, directives of every kind spread over them, its data, and the JSON
//! mdBook would send the preprocessor for it (`input.json`), so runs can be timed without mdBook.
//!
//! At scale 1: 2,000 chapters (about 20 MB of Markdown), 5,000 directives, 1,000 patterns,
//! 300 case studies, 40 domains of 5 options and a 60-node decision tree. Scale N multiplies
//! every count; a scale below 1 (like 0.01) makes a small corpus for tests.
//!
//! With `--relations`, the data (schema 1.1) also gives its patterns 3 relations each (3,000 at
//! scale 1): `requires` (only towards a lower-numbered pattern, so never a cycle), `complements`,
//! `alternative-to` and `conflicts-with`, at most one relation per pair of patterns (a
//! combination row's pair counts), so that the data validates without an error or a warning.
//! Everything else, the chapters included, is byte for byte the corpus without them.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --scale 1 --out target/corpus/scale-1
//! cargo run --release --example gen-corpus -- --scale 1 --relations --out target/corpus/scale-1-relations
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_preprocessor::PreprocessorContext;
use serde_json::{Value, json};

/// The counts at scale 1.
const CHAPTERS: f64 = 2000.0;
const DIRECTIVES: f64 = 5000.0;
const PATTERNS: f64 = 1000.0;
const CASE_STUDIES: f64 = 300.0;
const DOMAINS: f64 = 40.0;
const OPTIONS_PER_DOMAIN: usize = 5;
const TREE_NODES: f64 = 60.0;
const MARKDOWN_BYTES: f64 = 20_000_000.0;
/// Relations each pattern declares, with `--relations`.
const RELATIONS_PER_PATTERN: usize = 3;
/// The kinds of relation, each with its weight (in twentieths).
const KINDS: [(&str, usize); 4] = [
    ("requires", 8),
    ("complements", 5),
    ("alternative-to", 4),
    ("conflicts-with", 3),
];

const TIERS: [&str; 3] = ["gold", "silver", "bronze"];
const CATEGORIES: [&str; 8] = [
    "resilience",
    "scaling",
    "data",
    "messaging",
    "caching",
    "security",
    "observability",
    "deployment",
];
const WORDS: [&str; 32] = [
    "service",
    "request",
    "latency",
    "queue",
    "replica",
    "partition",
    "client",
    "failure",
    "timeout",
    "cache",
    "write",
    "read",
    "leader",
    "node",
    "region",
    "budget",
    "retry",
    "load",
    "traffic",
    "stream",
    "event",
    "store",
    "index",
    "shard",
    "backoff",
    "window",
    "quorum",
    "checkpoint",
    "snapshot",
    "lease",
    "token",
    "deadline",
];

fn main() {
    let mut scale = 1.0;
    let mut out: Option<PathBuf> = None;
    let mut data_only = false;
    let mut relations = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale" => {
                scale = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s: &f64| *s > 0.0)
                    .unwrap_or_else(|| fail("--scale takes a number above 0, like 1, 4 or 0.01"))
            }
            "--out" => out = args.next().map(PathBuf::from),
            "--data-only" => data_only = true,
            "--relations" => relations = true,
            other => fail(&format!(
                "unknown argument {other}; use --scale N --out DIR [--data-only] [--relations]"
            )),
        }
    }
    let out = out.unwrap_or_else(|| {
        let suffix = if relations { "-relations" } else { "" };
        PathBuf::from(format!("target/corpus/scale-{scale}{suffix}"))
    });
    let corpus = Corpus::new(scale, relations);
    let related = match corpus.write(&out, data_only) {
        Ok(related) => related,
        Err(e) => fail(&e),
    };
    println!(
        "wrote {}: {} chapters, {} directives, {} patterns, {} case studies, {} domains, {} relations",
        out.display(),
        corpus.chapters,
        corpus.directives,
        corpus.patterns,
        corpus.case_studies,
        corpus.domains,
        related
    );
}

fn fail(message: &str) -> ! {
    eprintln!("gen-corpus: {message}");
    std::process::exit(2)
}

/// A small deterministic random source (xorshift), so that every run writes the same bytes.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn sentence(&mut self) -> String {
        let len = 8 + self.below(10);
        let mut s: String = (0..len).map(|_| self.word()).collect::<Vec<_>>().join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }
}

/// The sizes of one corpus.
struct Corpus {
    chapters: usize,
    directives: usize,
    patterns: usize,
    case_studies: usize,
    domains: usize,
    tree_nodes: usize,
    markdown_bytes: usize,
    /// Whether the patterns declare relations (`--relations`).
    relations: bool,
}

impl Corpus {
    fn new(scale: f64, relations: bool) -> Corpus {
        let n = |base: f64, least: usize| ((base * scale).round() as usize).max(least);
        let patterns = n(PATTERNS, 6);
        let case_studies = n(CASE_STUDIES, 2);
        Corpus {
            // Every pattern and case study has its page; the rest are guides.
            chapters: n(CHAPTERS, patterns + case_studies + 4).max(patterns + case_studies + 4),
            directives: n(DIRECTIVES, 20),
            patterns,
            case_studies,
            domains: n(DOMAINS, 2),
            tree_nodes: n(TREE_NODES, 7),
            markdown_bytes: n(MARKDOWN_BYTES, 20_000),
            relations,
        }
    }

    /// The category of pattern `i`: 125 patterns a category, so that a category's index has the
    /// same size at every scale.
    fn category(&self, i: usize) -> String {
        let c = i % self.categories();
        format!(
            "{}-{}",
            CATEGORIES[c % CATEGORIES.len()],
            c / CATEGORIES.len()
        )
    }

    fn categories(&self) -> usize {
        (self.patterns / 125).max(CATEGORIES.len())
    }

    fn pattern(i: usize) -> String {
        format!("pattern-{i:05}")
    }

    fn case_study(i: usize) -> String {
        format!("case-{i:05}")
    }

    fn domain(i: usize) -> String {
        format!("domain-{i:03}")
    }

    /// Writes the book, its data and `input.json` into `out`; only the data with `data_only`.
    /// Returns the number of relations the patterns declare.
    fn write(&self, out: &Path, data_only: bool) -> Result<usize, String> {
        let io = |e: std::io::Error| format!("cannot write into {}: {e}", out.display());
        if out.exists() {
            std::fs::remove_dir_all(out).map_err(io)?;
        }
        std::fs::create_dir_all(out.join("src")).map_err(io)?;
        std::fs::create_dir_all(out.join("data")).map_err(io)?;
        std::fs::write(
            out.join("book.toml"),
            "[book]\ntitle = \"Benchmark Corpus\"\n\n[preprocessor.patterns]\ndata = \"data\"\n",
        )
        .map_err(io)?;
        mdbook_patterns::install(out).map_err(|e| e.to_string())?;
        let data = self.data();
        let related = data["patterns"]
            .as_object()
            .map(|p| {
                p.values()
                    .filter_map(|p| p["relations"].as_array())
                    .map(Vec::len)
                    .sum()
            })
            .unwrap_or(0);
        let text = serde_json::to_string_pretty(&data).map_err(|e| e.to_string())?;
        std::fs::write(out.join("data/handbook.json"), text).map_err(io)?;
        if data_only {
            return Ok(related);
        }
        let mut summary = String::from("# Summary\n\n");
        for (path, title, text) in self.chapter_texts() {
            let file = out.join("src").join(&path);
            std::fs::create_dir_all(file.parent().unwrap()).map_err(io)?;
            std::fs::write(&file, text).map_err(io)?;
            writeln!(summary, "- [{title}]({path})").unwrap();
        }
        std::fs::write(out.join("src/SUMMARY.md"), summary).map_err(io)?;

        // What mdBook would send for the HTML renderer.
        let book = MDBook::load(out).map_err(|e| format!("cannot load the book: {e}"))?;
        let root = std::fs::canonicalize(out).map_err(io)?;
        let ctx = PreprocessorContext::new(root, book.config.clone(), "html".into());
        let input = serde_json::to_vec(&(&ctx, &book.book)).map_err(|e| e.to_string())?;
        std::fs::write(out.join("input.json"), input).map_err(io)?;
        Ok(related)
    }

    fn data(&self) -> Value {
        let mut dice = Dice(0x5eed_cafe);
        let gold: Vec<usize> = (0..self.patterns).filter(|i| i % 3 == 0).collect();
        let mut patterns: serde_json::Map<String, Value> = (0..self.patterns)
            .map(|i| {
                let tier = TIERS[i % 3];
                let mut p = json!({
                    "name": format!("Pattern {i} {}", dice.word()),
                    "tier": tier,
                    "category": self.category(i),
                    "summary": dice.sentence(),
                    "page": format!("patterns/{}.md", Corpus::pattern(i)),
                });
                if tier == "bronze" {
                    p["replaced_by"] = json!(Corpus::pattern(gold[dice.below(gold.len())]));
                }
                (Corpus::pattern(i), p)
            })
            .collect();
        let case_studies: serde_json::Map<String, Value> = (0..self.case_studies)
            .map(|i| {
                let c = json!({
                    "title": format!("Case {i}: {}", dice.sentence()),
                    "company": format!("Company {i}"),
                    "page": format!("case-studies/{}.md", Corpus::case_study(i)),
                });
                (Corpus::case_study(i), c)
            })
            .collect();
        let pick_pattern = |dice: &mut Dice| Corpus::pattern(dice.below(self.patterns));
        let domains: Vec<Value> = (0..self.domains)
            .map(|d| {
                let options: Vec<Value> = (0..OPTIONS_PER_DOMAIN)
                    .map(|o| {
                        let stack: Vec<Value> = (0..4)
                            .map(|r| {
                                json!({
                                    "pattern": pick_pattern(&mut dice),
                                    "why": dice.sentence(),
                                    "evidence": if r % 2 == 0 {
                                        json!({ "case_study": Corpus::case_study(dice.below(self.case_studies)), "label": "Case study" })
                                    } else {
                                        json!("Widely used")
                                    },
                                })
                            })
                            .collect();
                        let mut option = json!({
                            "id": format!("option-{o}"),
                            "title": format!("Option {o}"),
                            "qualifier": format!("{}+ users", 10usize.pow(o as u32 + 2)),
                            "intro": "Recommended Pattern Stack:",
                            "columns": { "why": "Why", "evidence": "Evidence" },
                            "stack": stack,
                        });
                        if o == 0 {
                            let nodes: Vec<Value> = (0..6)
                                .map(|k| json!({ "id": format!("N{k}"), "label": format!("Step {k} {}", dice.word()), "pattern": pick_pattern(&mut dice) }))
                                .collect();
                            let edges: Vec<Value> = (0..5)
                                .map(|k| json!({ "from": format!("N{k}"), "to": format!("N{}", k + 1) }))
                                .collect();
                            option["blueprint"] = json!({
                                "title": "Architecture Blueprint:",
                                "flowchart": { "direction": "LR", "nodes": nodes, "edges": edges },
                            });
                        }
                        option
                    })
                    .collect();
                json!({
                    "id": Corpus::domain(d),
                    "title": format!("Domain {d}"),
                    "icon": "🧭",
                    "summary": dice.sentence(),
                    "examples": ["Example A", "Example B"],
                    "question": format!("What matters most in domain {d}?"),
                    "options": options,
                })
            })
            .collect();
        // Every pattern is in one combination, so that none is reported as unused.
        let combinations: Vec<Value> = (0..self.patterns.div_ceil(2))
            .map(|i| {
                json!({
                    "pattern": Corpus::pattern(i * 2),
                    "with": [Corpus::pattern((i * 2 + 1) % self.patterns)],
                    "use_case": dice.sentence(),
                    "example": format!("Company {}", i % self.case_studies),
                })
            })
            .collect();
        if self.relations {
            for (i, relations) in self.relations(&domains).into_iter().enumerate() {
                if !relations.is_empty() {
                    patterns[&Corpus::pattern(i)]["relations"] = Value::Array(relations);
                }
            }
        }
        json!({
            // Relations came with schema 1.1; without them the data is what it always was.
            "schema_version": if self.relations { "1.1" } else { "1.0" },
            "patterns": patterns,
            "case_studies": case_studies,
            "domains": domains,
            "combinations": combinations,
            "decision_tree": self.tree(&mut dice),
            "recipe": {
                "core": [ { "pattern": Corpus::pattern(0), "note": "Start here" } ],
                "scale": [ { "pattern": Corpus::pattern(3), "note": "Then this" } ],
                "avoid": [ { "pattern": Corpus::pattern(2), "instead": Corpus::pattern(0), "note": "Outgrown" } ],
            },
        })
    }

    /// Each pattern's relations (`RELATIONS_PER_PATTERN` each where the rules below leave room),
    /// from a dice of their own, so that the rest of the corpus does not change with them. The
    /// data stays valid and free of warnings: a pattern requires only lower-numbered patterns
    /// (no cycle), and only ones that every stack holding it holds too; no stack holds two
    /// patterns that conflict; each pair of patterns is related once at most, the pairs of the
    /// combination rows included (so no kinds contradict and nothing is declared twice).
    fn relations(&self, domains: &[Value]) -> Vec<Vec<Value>> {
        let n = self.patterns;
        let number = |id: &Value| -> usize {
            let id = id.as_str().expect("a pattern id");
            id["pattern-".len()..]
                .parse()
                .expect("a generated pattern id")
        };
        // Every option's stack, and the stacks that hold each pattern.
        let stacks: Vec<Vec<usize>> = domains
            .iter()
            .flat_map(|d| d["options"].as_array().expect("options").iter())
            .map(|o| {
                let stack = o["stack"].as_array().map(Vec::as_slice).unwrap_or(&[]);
                stack.iter().map(|row| number(&row["pattern"])).collect()
            })
            .collect();
        let mut held_in: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (s, stack) in stacks.iter().enumerate() {
            for &p in stack {
                if !held_in[p].contains(&s) {
                    held_in[p].push(s);
                }
            }
        }
        let pair = |a: usize, b: usize| (a.min(b), a.max(b));
        let mut related: HashSet<(usize, usize)> = (0..n.div_ceil(2))
            .map(|i| pair(i * 2, (i * 2 + 1) % n))
            .collect();
        let mut dice = Dice(0x4e1a_7105_c0de);
        let weights: usize = KINDS.iter().map(|(_, w)| w).sum();
        let mut out = vec![Vec::new(); n];
        for (i, relations) in out.iter_mut().enumerate() {
            for _ in 0..RELATIONS_PER_PATTERN {
                // A few tries for a kind and a pattern that keep the rules; else one fewer.
                for _ in 0..20 {
                    let mut roll = dice.below(weights);
                    let (kind, _) = *KINDS
                        .iter()
                        .find(|(_, w)| {
                            let hit = roll < *w;
                            roll = roll.saturating_sub(*w);
                            hit
                        })
                        .expect("a kind");
                    let other = match kind {
                        "requires" if i == 0 => continue,
                        "requires" => match held_in[i].first() {
                            None => dice.below(i),
                            // One of its first stack's patterns, held by its other stacks too.
                            Some(&s) => {
                                let stack = &stacks[s];
                                let j = stack[dice.below(stack.len())];
                                if j >= i || !held_in[i].iter().all(|t| stacks[*t].contains(&j)) {
                                    continue;
                                }
                                j
                            }
                        },
                        "conflicts-with" => {
                            let j = dice.below(n);
                            if held_in[i].iter().any(|s| held_in[j].contains(s)) {
                                continue;
                            }
                            j
                        }
                        _ => dice.below(n),
                    };
                    if other == i || !related.insert(pair(i, other)) {
                        continue;
                    }
                    let mut relation = json!({ "kind": kind, "pattern": Corpus::pattern(other) });
                    match dice.below(4) {
                        0 => {}
                        1 => {
                            relation["note"] = json!(format!(
                                "when the *{}* is `{}`, see [the notes](https://example.com/{})",
                                dice.word(),
                                dice.word(),
                                dice.word()
                            ))
                        }
                        _ => relation["note"] = json!(dice.sentence()),
                    }
                    relations.push(relation);
                    break;
                }
            }
        }
        out
    }

    /// A tree of questions, each with two answers, down to outcomes: `tree_nodes` nodes in all.
    fn tree(&self, dice: &mut Dice) -> Value {
        let questions = (self.tree_nodes - 1) / 2;
        let mut nodes = serde_json::Map::new();
        for q in 0..questions {
            let child = |k: usize| {
                if k < questions {
                    format!("q{k}")
                } else {
                    format!("o{k}")
                }
            };
            nodes.insert(
                format!("q{q}"),
                json!({
                    "question": format!("Question {q}: {}?", dice.word()),
                    "answers": [
                        { "label": "Yes", "next": child(2 * q + 1) },
                        { "label": "No", "next": child(2 * q + 2) },
                    ],
                }),
            );
        }
        for o in questions..(2 * questions + 1) {
            nodes.insert(
                format!("o{o}"),
                json!({ "patterns": [Corpus::pattern(dice.below(self.patterns))] }),
            );
        }
        json!({ "start": "q0", "nodes": nodes })
    }

    /// Every chapter: its path below `src`, its title and its text.
    fn chapter_texts(&self) -> Vec<(String, String, String)> {
        let mut dice = Dice(0xb00c_5eed);
        let mut chapters = Vec::new();
        // A page for every pattern and case study, holding its card.
        let cards = (0..self.patterns)
            .map(|i| ("patterns", "Pattern", "pattern", i, Corpus::pattern(i)))
            .chain((0..self.case_studies).map(|i| {
                (
                    "case-studies",
                    "Case",
                    "case-study",
                    i,
                    Corpus::case_study(i),
                )
            }));
        for (folder, title, directive, i, id) in cards {
            chapters.push((
                format!("{folder}/{id}.md"),
                format!("{title} {i}"),
                format!(
                    "# {title} {i}\n\n<<{directive} {id}>>\n\n{}\n",
                    prose(&mut dice, 3)
                ),
            ));
        }
        let guides = self.chapters - chapters.len();
        let written: usize = chapters.iter().map(|c| c.2.len()).sum();
        let per_guide = self.markdown_bytes.saturating_sub(written) / guides.max(1);
        let placed = self.patterns + self.case_studies;
        let mut directives: Vec<Vec<String>> = vec![Vec::new(); guides];
        for k in 0..self.directives.saturating_sub(placed) {
            let directive = self.directive(k, &mut dice);
            // A chapter holds each section once: the directive goes to the next guide that does
            // not hold its section yet.
            let mut g = k % guides;
            let mut tried = 0;
            while directives[g].iter().any(|d| same_section(d, &directive)) {
                g = (g + 1) % guides;
                tried += 1;
                assert!(tried < guides, "every guide already holds {directive}");
            }
            directives[g].push(directive);
        }
        for (g, mine) in directives.into_iter().enumerate() {
            let mut text = format!("# Guide {g}\n\n");
            for directive in mine {
                text.push_str(&prose(&mut dice, 2));
                text.push_str(&format!("\n\n{directive}\n\n"));
            }
            while text.len() < per_guide {
                text.push_str(&section(&mut dice));
            }
            chapters.push((
                format!("guides/part-{:02}/guide-{g:05}.md", g % 20),
                format!("Guide {g}"),
                text,
            ));
        }
        chapters
    }

    /// The `k`th directive of the guides, cycling through every kind. The kinds that show all of
    /// the data (the domain cards, the decision tree, a tier's index) come 20 times at every
    /// scale, and the ones of bounded size take their turns after that: otherwise the output,
    /// and the time, would grow with the square of the scale.
    fn directive(&self, k: usize, dice: &mut Dice) -> String {
        let domain = Corpus::domain(dice.below(self.domains));
        let option = format!("option-{}", dice.below(OPTIONS_PER_DOMAIN));
        let pattern = Corpus::pattern(dice.below(self.patterns));
        let whole_data = k < 12 * 20;
        match k % 12 {
            0 if k == 0 => "<<wizard>>".into(),
            0 => format!("<<wizard-domain {domain}>>"),
            1 if whole_data => "<<domain-cards>>".into(),
            5 if whole_data => "<<decision-tree>>".into(),
            7 if whole_data => format!("<<pattern-index tier={}>>", TIERS[k % 3]),
            2 | 5 => format!("<<tier-table domain={domain} option={option}>>"),
            3 => format!("<<blueprint domain={domain} option=option-0>>"),
            4 => format!("<<combination-matrix pattern={pattern}>>"),
            6 => "<<recipe>>".into(),
            8 => format!("<<pattern {pattern}>>"),
            9 => format!(
                "<<case-study {}>>",
                Corpus::case_study(dice.below(self.case_studies))
            ),
            10 => format!("There are <<count tier={}>> such patterns.", TIERS[k % 3]),
            1 | 7 => format!(
                "There are <<count category={}>> such patterns.",
                self.category(dice.below(self.patterns))
            ),
            _ => format!(
                "<<pattern-index category={}>>",
                self.category(dice.below(self.patterns))
            ),
        }
    }
}

/// Whether two directives give the same headings in a chapter: every `<<pattern-index>>` gives
/// the ids of the tiers it lists, whatever its keys; `<<wizard>>` gives every domain's section;
/// any other directive, the same one twice.
fn same_section(a: &str, b: &str) -> bool {
    let both = |prefix: &str| a.starts_with(prefix) && b.starts_with(prefix);
    a == b || both("<<pattern-index") || both("<<wizard")
}

fn prose(dice: &mut Dice, paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|_| {
            (0..5)
                .map(|_| dice.sentence())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A section of filler: a heading, prose, a code block, a table and a list.
fn section(dice: &mut Dice) -> String {
    let mut s = format!(
        "## The {} {}\n\n{}\n\n",
        dice.word(),
        dice.word(),
        prose(dice, 3)
    );
    s.push_str("```rust\nfn handle(request: Request) -> Result<Response, Error> {\n");
    for _ in 0..6 {
        let _ = writeln!(
            s,
            "    let {} = {}(&request)?; // <<not-a-directive>>",
            dice.word(),
            dice.word()
        );
    }
    s.push_str("    Ok(Response::default())\n}\n```\n\n| Setting | Value | Why |\n|---|---|---|\n");
    for _ in 0..5 {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            dice.word(),
            dice.below(1000),
            dice.sentence()
        );
    }
    s.push('\n');
    for _ in 0..6 {
        let _ = writeln!(s, "- **{}**: {}", dice.word(), dice.sentence());
    }
    s.push_str("\nA literal \\<<wizard>> is written with a backslash.\n\n");
    s
}
