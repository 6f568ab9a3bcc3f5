//! Map text made inert for each text format the map is exported to: one function per
//! format (and per kind of place in Markdown), used by every place that writes map text
//! in that format, so there is one place to get each format right.
//!
//! Exports are text that goes into other tools: wikis and browsers render Markdown,
//! PlantUML runs in CI and on servers, Mermaid runs in the reader's browser. Escaping is
//! therefore about active content as much as syntax: Markdown's raw HTML, PlantUML's
//! preprocessor (`%getenv(...)`, `!include`) and Creole (`<img:/etc/hosts>`), Mermaid's
//! `%%{init: ...}%%` directives, and characters a format cannot hold (XML-invalid
//! characters in SVG, line separators PlantUML rejects, terminal control characters in
//! every text file). Whatever the tool, the reader still sees what was typed: a title
//! with `%` shows a percent sign once rendered.
//!
//! Every function first [`clean`]s the text the same way, then escapes for its format.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Shown where a character no export can hold was.
const REPLACEMENT: char = '\u{FFFD}';

/// The text every format starts from: line breaks of any kind (CR LF, CR, VT, FF, NEL,
/// U+2028, U+2029) as `\n`, tabs as spaces, other control characters (C0, DEL, C1) and
/// Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...) as U+FFFD, trimmed.
///
/// Why: control characters reach terminals that `cat` an export (ESC sequences) and are
/// invalid in XML; U+FFFF makes an SVG unparseable; PlantUML rejects a whole diagram for
/// one U+2028 or U+0085. U+FFFD rather than nothing, so the reader sees that something
/// was there.
///
/// Text with nothing to change (nearly all of it) is borrowed, trimmed, not copied.
fn clean(text: &str) -> Cow<'_, str> {
    // Every character the loop below changes is a control character (line breaks, tabs,
    // C0, DEL, C1), one of the two Unicode line separators, or a noncharacter.
    let changed =
        |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_noncharacter(c);
    if !text.chars().any(changed) {
        return Cow::Borrowed(text.trim());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_noncharacter(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    Cow::Owned(out.trim().to_owned())
}

/// Unicode's noncharacters: never for interchange; U+FFFE and U+FFFF are not XML.
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Markdown text on one line (a heading, a list item, a quoted title): line breaks as
/// spaces, see [`markdown_line`] for what is escaped.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::new();
    markdown_line(&clean(text).replace('\n', " "), &mut out);
    out
}

/// Markdown text for a table cell: as [`markdown_text`], with line breaks as `<br>` (the
/// only HTML in the export, and written by us). Table pipes are escaped (`\|`), so a cell
/// can never add columns.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        markdown_line(line, &mut out);
    }
    out
}

/// Markdown paragraphs (the map's description): blank lines part paragraphs, other line
/// breaks stay line breaks (a trailing `\`, CommonMark's hard break), and every line is
/// escaped as [`markdown_text`], so the text cannot make headings, lists, quotes, code
/// blocks or tables either.
pub fn markdown_block(text: &str) -> String {
    let mut out = String::new();
    let clean = clean(text);
    let mut lines = clean.split('\n').map(str::trim).peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        markdown_line(line, &mut out);
        match lines.peek() {
            Some(&"") => out.push_str("\n\n"),
            Some(_) => out.push_str("\\\n"),
            None => {}
        }
    }
    out
}

/// One line of Markdown text. `<`, `>` and `&` become HTML entities, so no raw HTML
/// (`<img onerror>`, `<script>`) and no autolink (`<javascript:...>`) can form, in any
/// renderer, and an entity typed in the map shows as typed. Backslash escapes take the
/// meaning from the characters that make emphasis, code, links and images, strikethrough,
/// math, headings and table cells (`` \ * _ ` [ ] ~ $ | # ``), from a list or setext
/// marker at the start of the line (`-`, `+`, `=`, `1.`), where one would start a block,
/// and from what GFM renderers turn into links by themselves (`://`, `www.`, the `@` of
/// an address): marked took the escapes after such a URL into the link (`x\]\]` as part
/// of the address and its text), and no link is made out of map text.
fn markdown_line(line: &str, out: &mut String) {
    let line = line.trim();
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match bytes.get(digits) {
        // `1.` and `1)` start an ordered list only when a space or the line's end follows.
        Some(b'.' | b')') if digits > 0 && bytes.get(digits + 1).is_none_or(|b| *b == b' ') => {
            Some(digits)
        }
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(0),
        _ => None,
    };
    for (at, c) in line.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '$' | '|' | '#' | '@' => {
                out.push('\\');
                out.push(c);
            }
            ':' if line[at..].starts_with("://") => out.push_str("\\:"),
            '.' if starts_www(&line[..at]) => out.push_str("\\."),
            c if Some(at) == marker => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// Whether `before` ends in a word `www`, which a `.` would make an autolink.
fn starts_www(before: &str) -> bool {
    let Some(start) = before.len().checked_sub(3) else {
        return false;
    };
    before
        .get(start..)
        .is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && before[..start]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric())
}

/// Text for a Mermaid sequence diagram (title, participant, message, note), shown as
/// written. Its own characters become Mermaid entity codes (`#37;` is `%`, `#59;` is `;`):
/// `%` (so no `%%{init}%%` directive or `%%` comment can form anywhere, Mermaid finds
/// directives in the whole text), `#` and `;` (entity start, statement end), `< > " &`
/// (HTML). Line breaks become `<br/>`. Two quirks of Mermaid's own are stepped around: a
/// message starting `wrap:` or `nowrap:` loses that word to a wrap option, and a line
/// holding `style` or `classDef`, a `:` and then a `#` loses its last `;`: in those texts
/// the colon is written `#58;` too.
pub fn mermaid_text(text: &str) -> String {
    mermaid(text, "<br/>")
}

/// Mermaid text where a line break cannot be shown (the diagram's title, which prints
/// `<br/>` as written): as [`mermaid_text`], line breaks as spaces.
pub fn mermaid_line(text: &str) -> String {
    mermaid(text, " ")
}

fn mermaid(text: &str, line_break: &str) -> String {
    let clean = clean(text);
    let lower = clean.to_lowercase();
    let colons = lower.contains("style") || lower.contains("classdef");
    let mut first_colon = lower.starts_with("wrap:") || lower.starts_with("nowrap:");
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '\n' => out.push_str(line_break),
            '%' | '#' | ';' | '<' | '>' | '"' | '&' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            ':' if colons || first_colon => {
                first_colon = false;
                out.push_str("#58;");
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        // Mermaid needs some text after `title`, `as` and `:`.
        "#160;".to_owned()
    } else {
        out
    }
}

/// Text for a PlantUML sequence diagram (title, quoted participant name, message, note,
/// separator), shown as written. Special characters are written as PlantUML's Unicode
/// escape `<U+XXXX>`, which is decoded only once the diagram is parsed and its markup
/// read, so it cannot start anything, and renders as the character itself in every one
/// of these places (checked with PlantUML: `~` does not escape `=`, `>`, `~` or `\`, and
/// `&#36;` crashes PlantUML 1.2020).
///
/// Escaped always: the preprocessor's `%` (`%getenv`, `%filename`, `%dirpath`...), `$`
/// (variables) and `!` (directives); `\` (`\n`); Creole's `<` (`<img:...>`, sprites,
/// tags), `[ ]` (links), `* ~ " # = | { } &` (bold, escape, monospace, lists, headings,
/// tables, entities) and `"` (ends a quoted name). Escaped when next to one of them:
/// `- / _ '`, which mark up only doubled (`--strike--`, `//italic//`, `__under__`) or as
/// comments (`/'`, `'/`), so `on-call` and `read/write` stay as they are. Line breaks
/// become `\n`, which PlantUML shows as a line break.
pub fn plantuml_text(text: &str) -> String {
    let clean = clean(text);
    let chars: Vec<char> = clean.chars().collect();
    let pairs = |c: Option<&char>| matches!(c, Some('-' | '/' | '_' | '\''));
    let mut out = String::with_capacity(clean.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\n' => out.push_str("\\n"),
            '%' | '$' | '!' | '\\' | '<' | '>' | '[' | ']' | '*' | '~' | '"' | '#' | '=' | '|'
            | '{' | '}' | '&' => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
            '-' | '/' | '_' | '\''
                if pairs(i.checked_sub(1).and_then(|p| chars.get(p)))
                    || pairs(chars.get(i + 1)) =>
            {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        // PlantUML rejects an empty title or message; a no-break space shows as nothing.
        "<U+00A0>".to_owned()
    } else {
        out
    }
}

/// XML character data or attribute text (SVG): the five special characters as entities,
/// line breaks as spaces (SVG text is one line), and nothing XML 1.0 cannot hold.
pub fn xml_text(text: &str) -> String {
    let clean = clean(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends [`xml_text`] of `text` to `out`; plain ASCII text (most of a map) as it is,
/// without the copies cleaning takes.
pub fn push_xml_text(out: &mut String, text: &str) {
    let plain = text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''));
    if plain && text.trim() == text {
        out.push_str(text);
    } else {
        out.push_str(&xml_text(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTROLS: &str = "a\u{0}b\u{1b}[31mc\u{7}d\u{7f}e\u{9b}f";
    const BREAKS: &str = "a\u{2028}b\u{2029}c\u{85}d\r\ne\rf";

    #[test]
    fn controls_and_noncharacters_become_replacement_characters() {
        assert_eq!(
            clean(CONTROLS),
            "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}d\u{FFFD}e\u{FFFD}f"
        );
        assert_eq!(
            clean("x\u{FFFF}\u{FFFE}\u{FDD0}\u{1FFFF}y"),
            "x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y"
        );
        assert_eq!(clean(BREAKS), "a\nb\nc\nd\ne\nf");
        assert_eq!(clean(" \u{2028}\ta\tb\u{85} "), "a b");
    }

    #[test]
    fn markdown_html_becomes_text() {
        assert_eq!(
            markdown_text("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            markdown_text("<script>alert(1)</script> &amp;"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"
        );
        assert_eq!(markdown_cell("a <b>\nc"), "a &lt;b&gt;<br>c");
    }

    #[test]
    fn markdown_pipes_stay_in_their_cell() {
        assert_eq!(markdown_cell("x|y|z"), r"x\|y\|z");
        assert_eq!(markdown_cell(r"a\|b"), r"a\\\|b");
    }

    #[test]
    fn markdown_links_images_and_blocks_do_not_form() {
        assert_eq!(
            markdown_text("![x](http://e/x.png) [y](javascript:alert(1))"),
            r"!\[x\](http\://e/x.png) \[y\](javascript:alert(1))"
        );
        assert_eq!(markdown_text("# h"), r"\# h");
        assert_eq!(markdown_text("- a"), r"\- a");
        assert_eq!(markdown_text("12. a"), r"12\. a");
        assert_eq!(markdown_text("3) a"), r"3\) a");
        assert_eq!(markdown_text("1.5 bar - b"), "1.5 bar - b");
        assert_eq!(
            markdown_text("see https://e.x/a, www.e.x and ana@e.x; awww.x"),
            r"see https\://e.x/a, www\.e.x and ana\@e.x; awww.x"
        );
        assert_eq!(
            markdown_text("*a* _b_ `c` ~d~ $e$"),
            r"\*a\* \_b\_ \`c\` \~d\~ \$e\$"
        );
        assert_eq!(
            markdown_block("T\n===\n\n> q\n- l\n1. n\n```"),
            "T\\\n\\===\n\n&gt; q\\\n\\- l\\\n1\\. n\\\n\\`\\`\\`"
        );
    }

    #[test]
    fn markdown_keeps_no_control_characters_or_separators() {
        for text in [
            markdown_text(CONTROLS),
            markdown_cell(BREAKS),
            markdown_block(BREAKS),
        ] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
            assert!(
                !text.contains(['\u{2028}', '\u{2029}', '\u{85}']),
                "{text:?}"
            );
        }
        assert_eq!(markdown_cell(BREAKS), "a<br>b<br>c<br>d<br>e<br>f");
    }

    #[test]
    fn mermaid_directives_and_comments_do_not_form() {
        assert_eq!(
            mermaid_text("%%{init: {\"theme\":\"dark\"}}%%"),
            "#37;#37;{init: {#34;theme#34;:#34;dark#34;}}#37;#37;"
        );
        assert_eq!(mermaid_text("100%; #1"), "100#37;#59; #35;1");
        assert_eq!(
            mermaid_text("a\u{2028}b\u{85}c\u{0}"),
            "a<br/>b<br/>c\u{FFFD}"
        );
        assert_eq!(mermaid_text("wrap:x: y"), "wrap#58;x: y");
        assert_eq!(mermaid_text("Lifestyle: #1"), "Lifestyle#58; #35;1");
        assert_eq!(mermaid_text("  "), "#160;");
        assert_eq!(mermaid_line("a\nb\u{2028}c"), "a b c");
    }

    #[test]
    fn plantuml_preprocessor_and_creole_do_not_run() {
        assert_eq!(
            plantuml_text("%getenv(\"HOME\") %filename() %dirpath()"),
            "<U+0025>getenv(<U+0022>HOME<U+0022>) <U+0025>filename() <U+0025>dirpath()"
        );
        assert_eq!(
            plantuml_text("!include /etc/passwd $x"),
            "<U+0021>include /etc/passwd <U+0024>x"
        );
        assert_eq!(
            plantuml_text("<img:/etc/hosts> [[http://e]] &#36;"),
            "<U+003C>img:/etc/hosts<U+003E> <U+005B><U+005B>http:<U+002F><U+002F>e<U+005D><U+005D> \
             <U+0026><U+0023>36;"
        );
        assert_eq!(
            plantuml_text("on-call read/write it's --x-- //y// a/'b'/"),
            "on-call read/write it's <U+002D><U+002D>x<U+002D><U+002D> \
             <U+002F><U+002F>y<U+002F><U+002F> a<U+002F><U+0027>b<U+0027><U+002F>"
        );
        assert_eq!(plantuml_text("a\\nb\nc"), "a<U+005C>nb\\nc");
        assert_eq!(
            plantuml_text("a\u{2028}b\u{85}c\u{1b}"),
            "a\\nb\\nc\u{FFFD}"
        );
        assert_eq!(plantuml_text(""), "<U+00A0>");
    }

    #[test]
    fn pushed_xml_text_is_xml_text() {
        for text in [
            "Paged Ana",
            " padded ",
            "<a href=\"x\">'&'</a>",
            "a\u{FFFF}b\nc",
            "é",
        ] {
            let mut out = String::from("x");
            push_xml_text(&mut out, text);
            assert_eq!(out, format!("x{}", xml_text(text)));
        }
    }

    #[test]
    fn xml_text_holds_only_xml_characters() {
        assert_eq!(
            xml_text("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(
            xml_text("a\u{FFFF}b\u{0}c\u{2028}d"),
            "a\u{FFFD}b\u{FFFD}c d"
        );
    }
}
