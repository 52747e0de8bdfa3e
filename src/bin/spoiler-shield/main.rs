//! `spoiler-shield`: the core on the command line.
//!
//! - `classify`: JSONL paragraphs in, JSONL verdicts out (the contract scripts use);
//! - `scan`: an HTML page, split into blocks the way the extension splits it;
//! - `blocks`: just those blocks, as JSON (what `tests/e2e/block-rules.test.mjs` compares
//!   with the content script's);
//! - `books`: the bundled catalog;
//! - `check-shield`: validates a shield file;
//! - `shield-from-summary`: drafts a shield from a plot summary on stdin;
//! - `shield-from-page`: drafts a shield from a page about a book (its plot section).
//!
//! Errors print one line naming what and where, and exit with status 2.

mod html;

use std::fs;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde::{Deserialize, Serialize};
use spoiler_shield::authoring::article::{self, ArticleBlock, PlotSource};
use spoiler_shield::authoring::summary::{SummaryDrafter, WordFrequencies};
use spoiler_shield::shield::{self, Shield};
use spoiler_shield::{catalog, Engine, Verdict};

#[derive(Parser)]
#[command(
    name = "spoiler-shield",
    version,
    about = "Finds the paragraphs that spoil the books you are reading."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads JSONL {"page","id","text"} on stdin (a page's paragraphs in order) and
    /// writes JSONL {"id","spoiler","book","score","phrases"}, one line per input line.
    Classify(ShieldArgs),
    /// Splits an HTML page into blocks and prints what would be blurred and why.
    Scan {
        /// The HTML file.
        file: PathBuf,
        #[command(flatten)]
        shields: ShieldArgs,
        /// Print every block as JSON instead of a report.
        #[arg(long)]
        json: bool,
    },
    /// Splits an HTML page into blocks as the extension's content script does and prints
    /// them as JSON [{"tag","text"}], in the order the content script finishes them.
    Blocks {
        /// The HTML file.
        file: PathBuf,
    },
    /// Lists the bundled books.
    Books {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validates a shield file and prints a summary, or the first error with its line;
    /// notes the wordings that matching can never find.
    CheckShield {
        /// The shield file (JSON, see docs/SHIELDS.md).
        file: PathBuf,
    },
    /// Reads a plot summary on stdin and prints a proposed shield (JSON) to edit and
    /// save: the names ranked by frequency, the distinctive phrases ranked against
    /// English word frequencies, the late part of the summary weighted as more spoiling.
    ShieldFromSummary {
        /// The book's title.
        #[arg(long)]
        title: String,
        /// The book's author.
        #[arg(long)]
        author: String,
        #[command(flatten)]
        draft: DraftArgs,
    },
    /// Reads a page about a book (an encyclopedia article, a catalogue record, a
    /// publisher's page) and prints a proposed shield (JSON) drafted from its plot
    /// section: the section under a "Plot" or "Synopsis" heading, or the longest run of
    /// narrative paragraphs when there is none. Title and author are read from the page.
    ShieldFromPage {
        /// The page (HTML).
        file: PathBuf,
        /// The book's title, when the page's is wrong or missing.
        #[arg(long)]
        title: Option<String>,
        /// The book's author, when the page's is wrong or missing.
        #[arg(long)]
        author: Option<String>,
        #[command(flatten)]
        draft: DraftArgs,
    },
}

/// What a drafted shield is called and how much it may hold.
#[derive(Args)]
struct DraftArgs {
    /// Shield id (default: made from the title).
    #[arg(long)]
    id: Option<String>,
    /// At most this many entities.
    #[arg(long, default_value_t = 30)]
    max_entities: usize,
    /// At most this many terms (default: one per 11 words of plot, 40 to 120).
    #[arg(long)]
    max_terms: Option<usize>,
}

/// Which shields to enable and how.
#[derive(Args)]
struct ShieldArgs {
    /// A catalog book to shield (repeatable). With no --book and no --shield, all.
    #[arg(long = "book", value_name = "ID")]
    books: Vec<String>,
    /// Shield every catalog book.
    #[arg(long)]
    all_books: bool,
    /// A shield file of your own (repeatable).
    #[arg(long = "shield", value_name = "FILE")]
    shields: Vec<PathBuf>,
    /// relaxed, balanced or strict.
    #[arg(long, default_value = "balanced")]
    sensitivity: String,
    /// How far you are in a book, as ID=PERCENT (repeatable); 100 = finished.
    #[arg(long = "progress", value_name = "ID=PERCENT")]
    progress: Vec<String>,
}

/// A failure to report: one line, exit status 2.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Classify(args) => classify(&args),
        Command::Scan {
            file,
            shields,
            json,
        } => scan(&file, &shields, json),
        Command::Blocks { file } => print_blocks(&file),
        Command::Books { json } => books(json),
        Command::CheckShield { file } => check_shield(&file),
        Command::ShieldFromSummary {
            title,
            author,
            draft,
        } => shield_from_summary(&title, &author, draft),
        Command::ShieldFromPage {
            file,
            title,
            author,
            draft,
        } => shield_from_page(&file, title, author, draft),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("spoiler-shield: error: {message}");
            ExitCode::from(2)
        }
    }
}

impl ShieldArgs {
    fn engine(&self) -> Result<Engine, Failure> {
        let mut builder = Engine::builder().sensitivity(self.sensitivity.parse()?);
        if self.all_books || (self.books.is_empty() && self.shields.is_empty()) {
            builder = builder.all_catalog_books();
        }
        for id in &self.books {
            builder = builder.book(id);
        }
        for path in &self.shields {
            builder = builder.shield(read_shield(path)?);
        }
        for spec in &self.progress {
            let (id, percent) = spec
                .split_once('=')
                .ok_or_else(|| Failure(format!("--progress {spec:?}: expected ID=PERCENT")))?;
            let percent: f32 = percent.trim_end_matches('%').parse().map_err(|_| {
                Failure(format!("--progress {spec:?}: {percent:?} is not a number"))
            })?;
            builder = builder.progress(id, percent);
        }
        Ok(builder.build()?)
    }
}

fn read_shield(path: &PathBuf) -> Result<Shield, Failure> {
    // A file over the limit is refused before it is read into memory.
    let size = fs::metadata(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?
        .len();
    let source = path.display().to_string();
    shield::check_file_size(size, &source)?;
    let text = fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    Ok(Shield::from_json(&text, &source)?)
}

/// One input line of `classify`.
#[derive(Deserialize)]
struct Paragraph {
    page: String,
    id: serde_json::Value,
    text: String,
}

/// One output line of `classify`.
#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    spoiler: bool,
    book: Option<&'a str>,
    score: f32,
    phrases: &'a [String],
}

fn classify(args: &ShieldArgs) -> Result<(), Failure> {
    let engine = args.engine()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut page: Vec<Paragraph> = Vec::new();
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| Failure(format!("stdin:{}: cannot read: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let paragraph: Paragraph = serde_json::from_str(&line).map_err(|e| {
            Failure(format!(
                "stdin:{}: not a {{\"page\",\"id\",\"text\"}} object: {e}",
                n + 1
            ))
        })?;
        if page.first().is_some_and(|p| p.page != paragraph.page) {
            write_page(&engine, &page, &mut out)?;
            page.clear();
        }
        page.push(paragraph);
    }
    write_page(&engine, &page, &mut out)?;
    out.flush()?;
    Ok(())
}

fn write_page(engine: &Engine, page: &[Paragraph], out: &mut impl Write) -> Result<(), Failure> {
    let texts: Vec<&str> = page.iter().map(|p| p.text.as_str()).collect();
    let verdicts = engine.classify_page(&texts);
    for (paragraph, verdict) in page.iter().zip(&verdicts) {
        let line = Output {
            id: &paragraph.id,
            spoiler: verdict.spoiler,
            book: verdict.book.as_deref(),
            score: verdict.score,
            phrases: &verdict.phrases,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One block of `scan --json`.
#[derive(Serialize)]
struct ScannedBlock<'a> {
    index: usize,
    tag: &'a str,
    text: &'a str,
    spoiler: bool,
    book: Option<&'a str>,
    score: f32,
    phrases: &'a [String],
}

/// One block of `blocks`.
#[derive(Serialize)]
struct PlainBlock<'a> {
    tag: &'a str,
    text: &'a str,
}

fn read_page(file: &PathBuf) -> Result<html::Page, Failure> {
    let source = fs::read_to_string(file)
        .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    Ok(html::blocks(&source))
}

/// A page's blocks as tag and text, borrowed from the page.
fn tagged_blocks(page: &html::Page) -> Vec<ArticleBlock<'_>> {
    page.blocks
        .iter()
        .map(|b| ArticleBlock {
            tag: &b.tag,
            text: &b.text,
        })
        .collect()
}

fn print_blocks(file: &PathBuf) -> Result<(), Failure> {
    let page = read_page(file)?;
    let rows: Vec<PlainBlock> = tagged_blocks(&page)
        .into_iter()
        .map(|b| PlainBlock {
            tag: b.tag,
            text: b.text,
        })
        .collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &rows)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn scan(file: &PathBuf, args: &ShieldArgs, json: bool) -> Result<(), Failure> {
    let page = read_page(file)?;
    let engine = args.engine()?;
    let mut scan = engine.page();
    for context in &page.context {
        scan.add_context(context);
    }
    let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    let verdicts = scan.scan(&texts).verdicts;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        let rows: Vec<ScannedBlock> = page
            .blocks
            .iter()
            .zip(&verdicts)
            .enumerate()
            .map(|(index, (block, v))| ScannedBlock {
                index,
                tag: &block.tag,
                text: &block.text,
                spoiler: v.spoiler,
                book: v.book.as_deref(),
                score: v.score,
                phrases: &v.phrases,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        report(&engine, &page.blocks, &verdicts, &scan.about(), &mut out)?;
    }
    out.flush()?;
    Ok(())
}

fn report(
    engine: &Engine,
    blocks: &[html::Block],
    verdicts: &[Verdict],
    about: &[&str],
    out: &mut impl Write,
) -> Result<(), Failure> {
    let titles: Vec<&str> = about.iter().filter_map(|id| engine.title_of(id)).collect();
    writeln!(
        out,
        "page is about: {}",
        if titles.is_empty() {
            "no shielded book".to_string()
        } else {
            titles.join(", ")
        }
    )?;
    let mut blurred = 0;
    for (index, (block, verdict)) in blocks.iter().zip(verdicts).enumerate() {
        if !verdict.spoiler {
            continue;
        }
        blurred += 1;
        let book = verdict
            .book
            .as_deref()
            .and_then(|id| engine.title_of(id))
            .unwrap_or("?");
        writeln!(
            out,
            "BLUR #{index} <{}> {book} (score {:.2}: {})",
            block.tag,
            verdict.score,
            verdict.phrases.join(", ")
        )?;
        writeln!(out, "     {}", excerpt(&block.text, 110))?;
    }
    writeln!(out, "{blurred} of {} blocks blurred", blocks.len())?;
    Ok(())
}

fn excerpt(text: &str, chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

fn books(json: bool) -> Result<(), Failure> {
    let shields = catalog::shields()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        #[derive(Serialize)]
        struct Row<'a> {
            id: &'a str,
            title: &'a str,
            author: &'a str,
            year: Option<i32>,
            entities: usize,
            terms: usize,
        }
        let rows: Vec<Row> = shields
            .iter()
            .map(|s| Row {
                id: &s.id,
                title: &s.title,
                author: &s.author,
                year: s.year,
                entities: s.entities.len(),
                terms: s.terms.len(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for s in shields {
            writeln!(
                out,
                "{:<28} {} — {} ({} entities, {} terms)",
                s.id,
                s.title,
                s.author,
                s.entities.len(),
                s.terms.len()
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn check_shield(file: &PathBuf) -> Result<(), Failure> {
    let shield = read_shield(file)?;
    // writeln!, not println!: a closed pipe (`| head`) is an error to report, not a panic.
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: ok: {} ({} entities, {} terms)",
        file.display(),
        shield.id,
        shield.entities.len(),
        shield.terms.len()
    )?;
    // Valid, but never matched: worth a word to whoever wrote it.
    let unmatched = shield.unmatched_wordings();
    if !unmatched.is_empty() {
        writeln!(
            out,
            "{}: note: {} wording{} will never match, because matching drops \"the\", \"their\", \"himself\", \"her\" and the like and would be left with one word (or one word and \"he\", \"she\", \"I\"…); write the word alone if that is what you mean, or say who:",
            file.display(),
            unmatched.len(),
            if unmatched.len() == 1 { "" } else { "s" }
        )?;
        for (place, wording) in unmatched {
            writeln!(out, "  {place}: \"{wording}\"")?;
        }
    }
    Ok(())
}

fn shield_from_summary(title: &str, author: &str, draft: DraftArgs) -> Result<(), Failure> {
    let mut summary = String::new();
    io::Read::read_to_string(&mut io::stdin().lock(), &mut summary)
        .map_err(|e| Failure(format!("cannot read the summary on stdin: {e}")))?;
    draft_and_print(title, author, &summary, draft)
}

fn shield_from_page(
    file: &PathBuf,
    title: Option<String>,
    author: Option<String>,
    draft: DraftArgs,
) -> Result<(), Failure> {
    let page = read_page(file)?;
    let blocks = tagged_blocks(&page);
    let found =
        article::read_article(&blocks).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let title = title.or(found.title).ok_or_else(|| {
        Failure(format!(
            "{}: the page has no <h1> title; give the book's with --title",
            file.display()
        ))
    })?;
    let author = author.or(found.author).ok_or_else(|| {
        Failure(format!(
            "{}: no author found on the page; give it with --author",
            file.display()
        ))
    })?;
    // Where the plot came from goes to stderr: stdout is the shield alone.
    let from = match &found.source {
        PlotSource::Heading(heading) => format!("the section {heading:?}"),
        PlotSource::LongestProse => "the longest run of prose (no plot heading)".to_string(),
    };
    writeln!(
        io::stderr().lock(),
        "{}: {title} by {author}: drafting from {from}, {} paragraphs",
        file.display(),
        found.plot_blocks.len()
    )?;
    draft_and_print(&title, &author, &found.plot, draft)
}

/// Drafts a shield from plot text and prints it, with the reader's id if given.
fn draft_and_print(title: &str, author: &str, plot: &str, draft: DraftArgs) -> Result<(), Failure> {
    let mut drafter =
        SummaryDrafter::new(WordFrequencies::english()).max_entities(draft.max_entities);
    if let Some(n) = draft.max_terms {
        drafter = drafter.max_terms(n);
    }
    let mut shield = drafter.draft(title, author, plot)?;
    if let Some(id) = draft.id {
        shield.id = id;
        // The id is the reader's: check it like any shield field.
        Shield::from_json(&shield.to_json(), "--id")?;
    }
    writeln!(std::io::stdout().lock(), "{}", shield.to_json())?;
    Ok(())
}
