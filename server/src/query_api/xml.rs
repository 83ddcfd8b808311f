//! The Query API's XML: the response envelope, result elements, lists, and the error document, in exactly the shapes
//! botocore's `query` protocol parser reads (`<XResponse><XResult>…</XResult><ResponseMetadata>…`).
//!
//! Element names come from our code, values from the data; values are escaped with quick-xml. Written into a
//! `String` rather than through an `io::Write`, so building a response cannot fail.

use std::fmt::Write as _;

use super::error::WireError;

/// IAM's one API version's namespace, on every response and error document.
pub const NAMESPACE: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// The inside of a result element, built up element by element.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Xml(String);

impl Xml {
    pub fn new() -> Self {
        Self::default()
    }

    /// A result built by `fill`, as a handler returns it.
    pub fn build(fill: impl FnOnce(&mut Xml)) -> Self {
        let mut x = Self::new();
        fill(&mut x);
        x
    }

    /// `<tag>value</tag>`, the value escaped.
    pub fn text(&mut self, tag: &str, value: &str) -> &mut Self {
        let _ = write!(self.0, "<{tag}>{}</{tag}>", escape(value));
        self
    }

    /// An optional member: AWS leaves absent members out rather than sending them empty.
    pub fn optional(&mut self, tag: &str, value: Option<&str>) -> &mut Self {
        if let Some(value) = value {
            self.text(tag, value);
        }
        self
    }

    /// A member AWS omits when it has no value (the root's keys have no `UserName`).
    pub fn non_empty(&mut self, tag: &str, value: &str) -> &mut Self {
        self.optional(tag, Some(value).filter(|v| !v.is_empty()))
    }

    pub fn bool(&mut self, tag: &str, value: bool) -> &mut Self {
        self.text(tag, if value { "true" } else { "false" })
    }

    pub fn number(&mut self, tag: &str, value: i64) -> &mut Self {
        self.text(tag, &value.to_string())
    }

    /// A policy document: IAM sends documents URL-encoded (RFC 3986), and botocore decodes them on receipt.
    pub fn policy_document(&mut self, tag: &str, document: &str) -> &mut Self {
        self.text(tag, &percent_encode(document))
    }

    /// `<tag>…</tag>` around whatever `inner` writes (a structure member).
    pub fn element(&mut self, tag: &str, inner: impl FnOnce(&mut Xml)) -> &mut Self {
        let _ = write!(self.0, "<{tag}>");
        inner(self);
        let _ = write!(self.0, "</{tag}>");
        self
    }

    /// `<tag><member>…</member>…</tag>`, one member per item (the Query protocol's list encoding). An empty list is
    /// still sent as `<tag/>`'s equivalent, because botocore's required list members (`Users`, …) must be present.
    pub fn list<T>(
        &mut self,
        tag: &str,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Xml, T),
    ) -> &mut Self {
        self.element(tag, |x| {
            for item in items {
                x.element("member", |m| each(m, item));
            }
        })
    }

    /// A list of plain strings (`PolicyNames`, …).
    pub fn string_list<'a>(&mut self, tag: &str, items: impl IntoIterator<Item = &'a str>) -> &mut Self {
        self.list(tag, items, |x, item| {
            let _ = write!(x.0, "{}", escape(item));
        })
    }

    /// The pagination members every paged list ends with: `IsTruncated`, and `Marker` only when there is more.
    pub fn page_end(&mut self, is_truncated: bool, marker: Option<&str>) -> &mut Self {
        self.bool("IsTruncated", is_truncated).optional("Marker", marker)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The success envelope. `result` is `None` for actions whose botocore operation has no `output` (DeleteUser,
/// AddUserToGroup, …): AWS sends no `XResult` element for them, only the request id.
pub fn response(action: &str, request_id: &str, result: Option<&Xml>) -> String {
    let mut out = format!("<{action}Response xmlns=\"{NAMESPACE}\">");
    if let Some(result) = result {
        let _ = write!(out, "<{action}Result>{}</{action}Result>", result.as_str());
    }
    let _ = write!(
        out,
        "<ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{action}Response>",
        escape(request_id)
    );
    out
}

/// The error document, as botocore's query-protocol error parser reads it.
pub fn error_document(err: &WireError, request_id: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"{NAMESPACE}\"><Error><Type>{}</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>{}</RequestId></ErrorResponse>",
        err.fault,
        err.code,
        escape(&err.message),
        escape(request_id)
    )
}

/// Escapes markup characters, keeps a carriage return as a character reference (a parser would otherwise normalise
/// it away), and replaces the control characters XML 1.0 cannot carry at all.
fn escape(value: &str) -> String {
    let clean: String = value
        .chars()
        .map(|c| if c.is_control() && !matches!(c, '\t' | '\n' | '\r') && c < '\u{80}' { '\u{FFFD}' } else { c })
        .collect();
    quick_xml::escape::escape(clean.as_str()).replace('\r', "&#13;")
}

/// Percent-encodes every byte but RFC 3986's unreserved characters (`A–Z a–z 0–9 - _ . ~`), as IAM encodes policy
/// documents; spaces become `%20`, never `+`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_results_in_the_action_envelope() {
        let mut result = Xml::new();
        result.element("User", |u| {
            u.text("UserName", "jeff").optional("PasswordLastUsed", None);
        });
        assert_eq!(
            response("GetUser", "req-1", Some(&result)),
            "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User>\
             <UserName>jeff</UserName></User></GetUserResult><ResponseMetadata><RequestId>req-1</RequestId>\
             </ResponseMetadata></GetUserResponse>"
        );
    }

    #[test]
    fn actions_without_output_have_no_result_element() {
        assert_eq!(
            response("DeleteUser", "r", None),
            "<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata>\
             <RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>"
        );
    }

    #[test]
    fn lists_use_member_elements_and_pages_end_with_truncation() {
        let mut x = Xml::new();
        x.string_list("PolicyNames", ["a", "b<c"]).page_end(true, Some("m+1"));
        assert_eq!(
            x.as_str(),
            "<PolicyNames><member>a</member><member>b&lt;c</member></PolicyNames>\
             <IsTruncated>true</IsTruncated><Marker>m+1</Marker>"
        );
        let mut empty = Xml::new();
        empty.list("Users", Vec::<()>::new(), |_, _| {}).page_end(false, None);
        assert_eq!(empty.as_str(), "<Users></Users><IsTruncated>false</IsTruncated>");
    }

    #[test]
    fn values_are_escaped() {
        let mut x = Xml::new();
        x.text("Message", "a & b <c> \"d\" 'e'\r\n\u{1}");
        assert_eq!(x.as_str(), "<Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;&#13;\n\u{FFFD}</Message>");
    }

    #[test]
    fn policy_documents_are_percent_encoded_like_iam() {
        let doc = "{\"Version\": \"2012-10-17\",\n \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/é~\"}";
        let encoded = percent_encode(doc);
        assert_eq!(
            encoded,
            "%7B%22Version%22%3A%20%222012-10-17%22%2C%0A%20%22Action%22%3A%20%22s3%3A%2A%22%2C%20\
             %22Resource%22%3A%20%22arn%3Aaws%3As3%3A%3A%3Ab%2F%C3%A9~%22%7D"
        );
        let decoded: String =
            form_urlencoded::parse(format!("d={encoded}").as_bytes()).map(|(_, v)| v.into_owned()).collect();
        assert_eq!(decoded, doc);
    }

    #[test]
    fn error_documents_carry_type_code_message_and_request_id() {
        let err = WireError::from(app::model::IamError::EntityAlreadyExists("user `jeff` <already> exists".into()));
        assert_eq!(
            error_document(&err, "req-9"),
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>\
             <Code>EntityAlreadyExists</Code><Message>user `jeff` &lt;already&gt; exists</Message></Error>\
             <RequestId>req-9</RequestId></ErrorResponse>"
        );
    }
}
