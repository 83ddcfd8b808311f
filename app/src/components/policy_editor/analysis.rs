//! What the editor shows about a document: every `iam-policy` finding placed at its line, column and UTF-16 range,
//! the underline layer, and the size against the limit.
//!
//! The same function runs on the server (the page as first sent, and without JavaScript) and in the browser on every
//! keystroke, so both show the same findings. The browser's `textarea` counts UTF-16 code units while the validator
//! counts bytes; every position crossing that line goes through [`LineIndex`].

use iam_policy::{policy_size, validate, Diagnostic, LineIndex, PolicyKind, Severity, Span};

use crate::components::html_text::escape_into;

/// One finding, located for people (line and column) and for the textarea (UTF-16 range).
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    /// 1-based; `None` for a finding about the whole document.
    pub line_col: Option<(u32, u32)>,
    /// Where the textarea selects when the finding is clicked.
    pub utf16: Option<(u32, u32)>,
}

impl Finding {
    /// The CSS class of the finding's severity (also used for its underline).
    pub fn class(&self) -> &'static str {
        severity_class(self.severity)
    }

    pub fn location(&self) -> String {
        match self.line_col {
            Some((line, column)) => format!("{line}:{column}"),
            None => "document".to_owned(),
        }
    }
}

/// Everything the editor renders for one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    /// The text as HTML with each finding's span wrapped in a `<mark>`, drawn under the transparent textarea.
    pub underlay_html: String,
    pub line_count: u32,
    /// Characters counted as AWS counts them (whitespace outside strings excluded).
    pub size: usize,
    pub max_size: usize,
}

impl Analysis {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }
}

pub fn analyse(text: &str, kind: PolicyKind) -> Analysis {
    let lines = LineIndex::new(text);
    let validation = validate(text, kind);
    let findings = validation.diagnostics.iter().map(|d| locate(d, &lines)).collect();
    Analysis {
        findings,
        underlay_html: underlay(text, &validation.diagnostics),
        line_count: lines.line_count(),
        size: policy_size(text),
        max_size: kind.max_size(),
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "finding-error",
        Severity::SecurityWarning => "finding-security",
        Severity::Warning => "finding-warning",
        Severity::Suggestion => "finding-suggestion",
    }
}

fn locate(diagnostic: &Diagnostic, lines: &LineIndex) -> Finding {
    let start = diagnostic.span.map(|span| lines.line_col(span.start));
    Finding {
        severity: diagnostic.severity,
        code: diagnostic.code.to_string(),
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone(),
        line_col: start.map(|at| (at.line, at.column)),
        utf16: diagnostic.span.map(|span| {
            let Span { start, end } = lines.utf16_span(span);
            (start, end)
        }),
    }
}

/// The text, HTML-escaped, with each finding's span marked. Spans may overlap (a statement and a key inside it);
/// the earlier-starting one wins and the later is clipped, so marks never nest. An empty span (something missing at
/// a point) marks the character there, so it can still be seen.
fn underlay(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut spans: Vec<(usize, usize, Severity)> = diagnostics
        .iter()
        .filter_map(|d| d.span.map(|s| (s.start as usize, s.end as usize, d.severity)))
        .map(|(start, end, severity)| (start.min(text.len()), end.min(text.len()), severity))
        .map(|(start, end, severity)| (start, widen_empty(text, start, end), severity))
        .collect();
    spans.sort_by_key(|&(start, end, severity)| (start, severity, std::cmp::Reverse(end)));

    let mut html = String::with_capacity(text.len() + spans.len() * 40);
    let mut at = 0;
    for (start, end, severity) in spans {
        let start = start.max(at);
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        escape_into(&text[at..start], &mut html);
        html.push_str("<mark class=\"");
        html.push_str(severity_class(severity));
        html.push_str("\">");
        escape_into(&text[start..end], &mut html);
        html.push_str("</mark>");
        at = end;
    }
    escape_into(&text[at..], &mut html);
    // A final newline is otherwise collapsed by `<pre>`, and the underlay would be one line shorter than the textarea.
    html.push(' ');
    html
}

fn widen_empty(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        return end;
    }
    text.get(start..).and_then(|rest| rest.chars().next()).map_or(end, |c| start + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where JavaScript's `text.indexOf(needle)` would point: UTF-16 code units.
    fn js_index_of(text: &str, needle: &str) -> u32 {
        let byte = text.find(needle).unwrap();
        text[..byte].encode_utf16().count() as u32
    }

    #[test]
    fn a_finding_after_non_ascii_text_is_placed_in_lines_characters_and_utf16() {
        // "é" is 2 bytes/1 UTF-16 unit, "😀" 4 bytes/2 units: byte, character and UTF-16 offsets all differ after them.
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Sid\": \"café😀\", \"Effect\": \"Alow\",\n    \"Action\": \"s3:GetObject\", \"Resource\": \"*\"\n  }]\n}";
        let analysis = analyse(text, PolicyKind::Managed);
        let effect = analysis.findings.iter().find(|f| f.message.contains("Alow")).expect("a finding about Alow");
        assert_eq!(effect.severity, Severity::Error);
        // Line 4; the column counts characters: `    "Sid": "café😀", "Effect": ` is 30 characters (35 bytes).
        assert_eq!(effect.line_col, Some((4, 31)));
        let (start, end) = effect.utf16.unwrap();
        assert_eq!(start, js_index_of(text, "\"Alow\""));
        assert_eq!(end - start, "\"Alow\"".len() as u32);
        assert_eq!(analysis.line_count, 7);
        assert!(analysis.errors() >= 1);
    }

    #[test]
    fn underlay_marks_findings_escapes_html_and_keeps_the_text() {
        let text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"<x>&\",\"Resource\":\"*\"}]}\n";
        let analysis = analyse(text, PolicyKind::UserInline);
        assert!(analysis.underlay_html.contains("<mark class=\"finding-error\">"), "{}", analysis.underlay_html);
        assert!(analysis.underlay_html.contains("&lt;x&gt;&amp;"));
        let unmarked = analysis
            .underlay_html
            .replace("<mark class=\"finding-error\">", "")
            .replace("<mark class=\"finding-warning\">", "")
            .replace("<mark class=\"finding-security\">", "")
            .replace("<mark class=\"finding-suggestion\">", "")
            .replace("</mark>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        assert_eq!(unmarked, format!("{text} "));
    }

    #[test]
    fn overlapping_and_empty_spans_never_nest_or_vanish() {
        let diagnostics = vec![
            Diagnostic::error("a", "outer", Span { start: 0, end: 6 }),
            Diagnostic::warning("b", "inner", Span { start: 2, end: 4 }),
            Diagnostic::error("c", "missing here", Span { start: 8, end: 8 }),
        ];
        let html = underlay("abcdefghij", &diagnostics);
        assert_eq!(html, "<mark class=\"finding-error\">abcdef</mark>gh<mark class=\"finding-error\">i</mark>j ");
    }

    #[test]
    fn size_counts_against_the_kind_limit() {
        let text = r#"{ "Version": "2012-10-17", "Statement": [] }"#;
        assert_eq!(analyse(text, PolicyKind::UserInline).max_size, 2048);
        assert_eq!(analyse(text, PolicyKind::GroupInline).max_size, 5120);
        assert_eq!(analyse(text, PolicyKind::Managed).size, policy_size(text));
    }
}
