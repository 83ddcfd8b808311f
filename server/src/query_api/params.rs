//! The request's parameters, typed for the handlers: the wire level (form decoding, `X.member.N` lists,
//! `Tags.member.N.Key/Value`, structure lists, integers and booleans) is `iam_query_wire::params`, fuzzed on its own;
//! this wrapper turns its errors into `WireError`s and its strings into `app::model` types.
//!
//! Only the wire encoding is checked here (present, an integer, a boolean). What a value means — a valid name, a
//! page size in range — is the service's to judge (DESIGN rule 1), through the `app::model` parsers.

use app::model::{IamError, PageRequest, Tag};
use iam_query_wire::params as wire;

use super::error::WireError;

/// The decoded parameters.
#[derive(Debug, Clone, Default)]
pub struct Params(wire::Params);

impl Params {
    /// Decodes the query string and the body; on a name in both, the body wins.
    pub fn decode(query: Option<&str>, body: &[u8]) -> Self {
        Self(wire::Params::decode(query, body))
    }

    /// A parameter's value, if sent at all (an empty value counts as sent: the service decides whether it's valid).
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.0.optional(name)
    }

    pub fn required(&self, name: &str) -> Result<&str, WireError> {
        Ok(self.0.required(name)?)
    }

    /// A required parameter through one of the model's parsers (`UserName::parse`, …).
    pub fn required_as<T>(&self, name: &str, parse: impl FnOnce(&str) -> Result<T, IamError>) -> Result<T, WireError> {
        Ok(parse(self.required(name)?)?)
    }

    /// An optional parameter through one of the model's parsers; absent stays `None`.
    pub fn optional_as<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, IamError>,
    ) -> Result<Option<T>, WireError> {
        Ok(self.optional(name).map(parse).transpose()?)
    }

    /// The values of `prefix.1`, `prefix.2`, … (e.g. `member_list("TagKeys.member")`), in index order.
    pub fn member_list(&self, prefix: &str) -> Result<Vec<String>, WireError> {
        Ok(self.0.member_list(prefix)?)
    }

    /// `Tags.member.N.Key` / `Tags.member.N.Value` pairs, in index order.
    pub fn tags(&self, name: &str) -> Result<Vec<Tag>, WireError> {
        Ok(self.0.tags(name)?.into_iter().map(|(key, value)| Tag { key, value }).collect())
    }

    /// The structures of a list (`ContextEntries.member.N.…`), each as its own `Params`, in index order.
    pub fn members(&self, name: &str) -> Result<Vec<Params>, WireError> {
        Ok(self.0.members(name)?.into_iter().map(Self).collect())
    }

    /// Whether a list parameter was sent at all (an empty list is a bare `Name=`).
    pub fn has_list(&self, name: &str) -> bool {
        self.0.has_list(name)
    }

    /// A required list parameter's members (`TagKeys` → `TagKeys.member.N`).
    pub fn required_list(&self, name: &str) -> Result<Vec<String>, WireError> {
        Ok(self.0.required_list(name)?)
    }

    /// A parameter this server does not implement, refused when sent (see `iam_query_wire::params`).
    pub fn unsupported(&self, name: &str, what: &str) -> Result<(), WireError> {
        Ok(self.0.unsupported(name, what)?)
    }

    /// `MaxItems`, as an integer; its range (1–1000) is the service's rule.
    pub fn max_items(&self) -> Result<Option<i64>, WireError> {
        Ok(self.0.max_items()?)
    }

    /// An integer parameter; its range is the service's rule.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, WireError> {
        Ok(self.0.integer(name)?)
    }

    /// `Marker`, passed through untouched: only the service can tell whether it issued it.
    pub fn marker(&self) -> Option<String> {
        self.0.marker()
    }

    /// `Marker` and `MaxItems` together, as every paged list takes them.
    pub fn page(&self) -> Result<PageRequest, WireError> {
        Ok(PageRequest { marker: self.marker(), max_items: self.max_items()? })
    }

    /// A boolean parameter: `true` or `false`, any case.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, WireError> {
        Ok(self.0.bool(name)?)
    }
}

// The decoding itself is tested in `iam_query_wire::params`; these check the typed layer and the error mapping.
#[cfg(test)]
mod tests {
    use super::*;

    fn params(body: &str) -> Params {
        Params::decode(None, body.as_bytes())
    }

    #[test]
    fn wire_errors_keep_the_aws_code_and_status() {
        let err = params("").required("GroupName").unwrap_err();
        assert_eq!((err.code, err.status, err.fault), ("MissingParameter", 400, "Sender"));
        assert!(err.message.contains("`GroupName`"), "{}", err.message);
        let err = params("TagKeys.member.x=a").member_list("TagKeys.member").unwrap_err();
        assert_eq!((err.code, err.status, err.fault), ("InvalidParameterValue", 400, "Sender"));
        assert_eq!(params("TagKeys").members("TagKeys").unwrap().len(), 0);
    }

    #[test]
    fn model_parsers_report_validation_errors() {
        let p = params("UserName=bad%20name");
        let err = p.required_as("UserName", app::model::UserName::parse).unwrap_err();
        assert_eq!(err.code, "ValidationError");
        assert_eq!(p.optional_as("Path", app::model::IamPath::parse).unwrap(), None);
    }

    #[test]
    fn tags_become_model_tags() {
        let p = params("Tags.member.2.Key=team&Tags.member.2.Value=&Tags.member.1.Value=ops&Tags.member.1.Key=dept");
        assert_eq!(
            p.tags("Tags").unwrap(),
            [Tag { key: "dept".into(), value: "ops".into() }, Tag { key: "team".into(), value: "".into() }]
        );
        let err = params("Tags.member.1.Key=k").tags("Tags").unwrap_err();
        assert_eq!(err.code, "MissingParameter");
        assert!(err.message.contains("`Tags.member.1.Value`"), "{}", err.message);
    }

    #[test]
    fn pages_combine_marker_and_max_items() {
        let p = params("MaxItems=50&Marker=abc%2Bdef");
        assert_eq!(p.page().unwrap(), PageRequest { marker: Some("abc+def".into()), max_items: Some(50) });
        assert_eq!(params("MaxItems=ten").page().unwrap_err().code, "InvalidParameterValue");
    }
}
