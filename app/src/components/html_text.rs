//! Text written into HTML by hand, where Leptos does not escape it for us.

/// Appends `text` with the characters that could start markup or a character reference escaped.
pub fn escape_into(text: &str, html: &mut String) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
    }
}

/// The initial content of a `<textarea>`, as its child: `{textarea_text(value)}`.
///
/// Leptos 0.8 (tachys 0.2) writes a textarea's children into the server's HTML unescaped, like a `<script>`'s. A value
/// holding `</textarea><script>…` would close the element and run (stored XSS from a policy document, reflected XSS
/// from the simulator's query string); a value holding `&lt;` would arrive as `<`. So the server escapes the text
/// itself, and the browser's parser decodes it back: the field holds exactly the value. (Fixed upstream only in
/// tachys 0.3.) In the browser the child is a DOM text node, which needs no escaping.
pub fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        let mut html = String::with_capacity(text.len());
        escape_into(&text, &mut html);
        html
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_references_are_escaped() {
        let mut html = String::new();
        escape_into("</textarea><script>alert(1)</script> &lt; é", &mut html);
        assert_eq!(html, "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; é");
    }
}
