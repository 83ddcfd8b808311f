//! The request's parameters, decoded from `application/x-www-form-urlencoded` (the POST body, or the query string of a
//! GET), with the AWS Query protocol's flattening undone: lists arrive as `X.member.1`, `X.member.2`, …; structures in
//! lists as `Tags.member.1.Key`, `Tags.member.1.Value`.
//!
//! Only the wire encoding is checked here (present, an integer, a boolean, a list position). Values stay strings:
//! what they mean — a valid name, a page size in range — is the service's to judge (DESIGN rule 1); the server's
//! `query_api::params` runs them through the `app::model` parsers.

use std::collections::BTreeMap;
use std::fmt;

/// A parameter that is missing or does not decode as its wire type. Both are the caller's mistake, answered with
/// HTTP 400 and one of the AWS Query API's common error codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamError {
    /// A required parameter is absent (`MissingParameter`); holds the parameter's name.
    Missing(String),
    /// A parameter that does not decode as its wire type (an integer, a boolean, a list entry): the caller's encoding
    /// is wrong, not the value's meaning (`InvalidParameterValue`); holds the message.
    InvalidValue(String),
}

impl ParamError {
    /// The AWS error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing(_) => "MissingParameter",
            Self::InvalidValue(_) => "InvalidParameterValue",
        }
    }

    /// The HTTP status AWS sends with [`code`](Self::code).
    pub fn http_status(&self) -> u16 {
        400
    }

    /// The human message.
    pub fn message(&self) -> String {
        match self {
            Self::Missing(name) => format!("the request must contain the parameter `{name}`"),
            Self::InvalidValue(message) => message.clone(),
        }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for ParamError {}

/// The decoded parameters. Sorted, so the entries of one list are adjacent and found with one range scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    map: BTreeMap<String, String>,
}

impl Params {
    /// Decodes the query string and the body; on a name in both, the body wins (that is where clients put them: a
    /// POST's query string normally carries nothing but, for a presigned request, the signature).
    pub fn decode(query: Option<&str>, body: &[u8]) -> Self {
        let mut map = BTreeMap::new();
        let query = form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        for (name, value) in query.chain(form_urlencoded::parse(body)) {
            map.insert(name.into_owned(), value.into_owned());
        }
        Self { map }
    }

    /// Every parameter as (name, value), sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// A parameter's value, if sent at all (an empty value counts as sent: the service decides whether it's valid).
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    pub fn required(&self, name: &str) -> Result<&str, ParamError> {
        self.optional(name).ok_or_else(|| ParamError::Missing(name.to_owned()))
    }

    /// The values of `prefix.1`, `prefix.2`, … (e.g. `member_list("TagKeys.member")`), in index order.
    pub fn member_list(&self, prefix: &str) -> Result<Vec<String>, ParamError> {
        let mut items = Vec::new();
        for (rest, value) in self.under(prefix) {
            items.push((index(prefix, rest)?, value.to_owned()));
        }
        items.sort_by_key(|(i, _)| *i);
        Ok(items.into_iter().map(|(_, v)| v).collect())
    }

    /// `Tags.member.N.Key` / `Tags.member.N.Value` pairs (botocore's `tagListType`) as (key, value), in index order.
    /// Both fields are required members of botocore's `Tag` shape.
    pub fn tags(&self, name: &str) -> Result<Vec<(String, String)>, ParamError> {
        let prefix = format!("{name}.member");
        let mut fields: BTreeMap<u32, (Option<String>, Option<String>)> = BTreeMap::new();
        for (rest, value) in self.under(&prefix) {
            let (n, field) = rest.split_once('.').unwrap_or((rest, ""));
            let entry = fields.entry(index(&prefix, n)?).or_default();
            match field {
                "Key" => entry.0 = Some(value.to_owned()),
                "Value" => entry.1 = Some(value.to_owned()),
                other => {
                    return Err(ParamError::InvalidValue(format!(
                        "`{prefix}.{n}.{other}` is not a tag field; use `Key` and `Value`"
                    )))
                }
            }
        }
        fields
            .into_iter()
            .map(|(n, pair)| match pair {
                (Some(key), Some(value)) => Ok((key, value)),
                (None, _) => Err(ParamError::Missing(format!("{prefix}.{n}.Key"))),
                (_, None) => Err(ParamError::Missing(format!("{prefix}.{n}.Value"))),
            })
            .collect()
    }

    /// The structures of a list (`ContextEntries.member.N.…`), each as its own `Params` holding its fields
    /// (`ContextKeyName`, `ContextKeyValues.member.M`, …), in index order. An entry naming no field (`X.member.1`,
    /// `X.member.1.`) is refused: both would be the same nameless field, one silently replacing the other.
    pub fn members(&self, name: &str) -> Result<Vec<Params>, ParamError> {
        let prefix = format!("{name}.member");
        let mut items: BTreeMap<u32, Params> = BTreeMap::new();
        for (rest, value) in self.under(&prefix) {
            let (n, field) = rest.split_once('.').unwrap_or((rest, ""));
            let i = index(&prefix, n)?;
            if field.is_empty() {
                return Err(ParamError::InvalidValue(format!(
                    "`{prefix}.{rest}` names no field; list members here are structures (`{prefix}.{n}.<field>`)"
                )));
            }
            items.entry(i).or_default().map.insert(field.to_owned(), value.to_owned());
        }
        Ok(items.into_values().collect())
    }

    /// Whether a list parameter was sent at all: botocore sends an empty list as a bare `Name=`, a non-empty one as
    /// `Name.member.N` entries.
    pub fn has_list(&self, name: &str) -> bool {
        self.map.contains_key(name) || self.under(name).next().is_some()
    }

    /// A required list parameter's members (`TagKeys` → `TagKeys.member.N`).
    pub fn required_list(&self, name: &str) -> Result<Vec<String>, ParamError> {
        if !self.has_list(name) {
            return Err(ParamError::Missing(name.to_owned()));
        }
        self.member_list(&format!("{name}.member"))
    }

    /// A parameter this server does not implement. Refused rather than ignored when ignoring it would quietly grant
    /// or keep more than the caller asked for (a permissions boundary, for one).
    pub fn unsupported(&self, name: &str, what: &str) -> Result<(), ParamError> {
        match self.optional(name) {
            Some(_) => Err(ParamError::InvalidValue(format!("`{name}`: {what} are not supported"))),
            None => Ok(()),
        }
    }

    /// `MaxItems`, as an integer; its range (1–1000) is the service's rule.
    pub fn max_items(&self) -> Result<Option<i64>, ParamError> {
        self.integer("MaxItems")
    }

    /// An integer parameter; its range is the service's rule.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ParamError> {
        self.optional(name)
            .map(|v| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| ParamError::InvalidValue(format!("`{name}` must be an integer, not `{v}`")))
            })
            .transpose()
    }

    /// `Marker`, passed through untouched: only the service can tell whether it issued it.
    pub fn marker(&self) -> Option<String> {
        self.optional("Marker").map(str::to_owned)
    }

    /// A boolean parameter: `true` or `false` as botocore sends them (any case, as AWS accepts).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ParamError> {
        self.optional(name)
            .map(|v| match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(ParamError::InvalidValue(format!("`{name}` must be `true` or `false`, not `{v}`"))),
            })
            .transpose()
    }

    /// The entries whose name is `prefix.` followed by something, as (that something, value).
    fn under<'a>(&'a self, prefix: &str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let dotted = format!("{prefix}.");
        self.map
            .range(dotted.clone()..)
            .map_while(move |(k, v)| k.strip_prefix(dotted.as_str()).map(|rest| (rest, v.as_str())))
    }
}

/// A list position: AWS numbers list members from 1, in plain decimal. `01` or `+1` would be a second spelling of
/// position 1, and one of the two entries would hide or shadow the other.
fn index(prefix: &str, n: &str) -> Result<u32, ParamError> {
    match n.parse::<u32>() {
        Ok(i) if i >= 1 && !n.starts_with(['0', '+']) => Ok(i),
        _ => Err(ParamError::InvalidValue(format!(
            "`{prefix}.{n}` is not a list member; members are numbered from 1, without sign or leading zeros"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(body: &str) -> Params {
        Params::decode(None, body.as_bytes())
    }

    #[test]
    fn decodes_form_encoding_and_prefers_the_body() {
        let p = Params::decode(Some("Action=ListUsers&PathPrefix=%2Fq%2F"), b"PathPrefix=%2Fapp%2F&UserName=a+b%40c");
        assert_eq!(p.optional("Action"), Some("ListUsers"));
        assert_eq!(p.optional("PathPrefix"), Some("/app/"));
        assert_eq!(p.optional("UserName"), Some("a b@c"));
        assert_eq!(p.optional("Path"), None);
        assert_eq!(
            p.iter().collect::<Vec<_>>(),
            [("Action", "ListUsers"), ("PathPrefix", "/app/"), ("UserName", "a b@c")]
        );
    }

    #[test]
    fn required_parameters_are_missing_parameter_errors() {
        let p = params("UserName=");
        assert_eq!(p.required("UserName").unwrap(), "");
        let err = p.required("GroupName").unwrap_err();
        assert_eq!(err, ParamError::Missing("GroupName".into()));
        assert_eq!((err.code(), err.http_status()), ("MissingParameter", 400));
        assert_eq!(err.message(), "the request must contain the parameter `GroupName`");
        assert_eq!(err.to_string(), "MissingParameter: the request must contain the parameter `GroupName`");
    }

    #[test]
    fn member_lists_come_back_in_index_order() {
        let p = params("TagKeys.member.2=b&TagKeys.member.10=c&TagKeys.member.1=a&TagKeysX=no&TagKeys=no");
        assert_eq!(p.member_list("TagKeys.member").unwrap(), ["a", "b", "c"]);
        assert!(p.member_list("Other.member").unwrap().is_empty());
        let err = params("TagKeys.member.0=a").member_list("TagKeys.member").unwrap_err();
        assert_eq!(err.code(), "InvalidParameterValue");
        assert!(params("TagKeys.member.x=a").member_list("TagKeys.member").is_err());
        assert_eq!(params("TagKeys=").required_list("TagKeys").unwrap(), Vec::<String>::new());
        assert_eq!(params("TagKeys.member.1=a").required_list("TagKeys").unwrap(), ["a"]);
        assert_eq!(params("").required_list("TagKeys").unwrap_err().code(), "MissingParameter");
    }

    #[test]
    fn list_positions_have_one_spelling() {
        // Found by the fuzzer (query_params_decode): `X.member.08` and `X.member.+1` were read as positions 8 and 1,
        // so `TagKeys.member.1=a&TagKeys.member.01=b` was a two-element list at one position, and in `tags` and
        // `members` one of the two entries silently replaced the other.
        for body in ["TagKeys.member.01=a", "TagKeys.member.+1=a", "TagKeys.member.1=a&TagKeys.member.01=b"] {
            let err = params(body).member_list("TagKeys.member").unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValue", "{body}");
        }
        let p = params("Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.01.Key=c");
        assert_eq!(p.tags("Tags").unwrap_err().code(), "InvalidParameterValue");
        assert_eq!(params("E.member.1.K=a&E.member.+1.K=b").members("E").unwrap_err().code(), "InvalidParameterValue");
        assert_eq!(params("TagKeys.member.10=a").member_list("TagKeys.member").unwrap(), ["a"]);
    }

    #[test]
    fn tags_pair_keys_with_values() {
        let p = params("Tags.member.2.Key=team&Tags.member.2.Value=&Tags.member.1.Value=ops&Tags.member.1.Key=dept");
        let tags = p.tags("Tags").unwrap();
        assert_eq!(tags, [("dept".into(), "ops".into()), ("team".into(), "".into())]);
        assert!(params("").tags("Tags").unwrap().is_empty());
        let err = params("Tags.member.1.Key=k").tags("Tags").unwrap_err();
        assert_eq!(err, ParamError::Missing("Tags.member.1.Value".into()));
        assert_eq!(params("Tags.member.1.Colour=red").tags("Tags").unwrap_err().code(), "InvalidParameterValue");
    }

    #[test]
    fn structure_lists_split_into_their_members() {
        let p = params(
            "ContextEntries.member.2.ContextKeyName=b&ContextEntries.member.1.ContextKeyName=a\
             &ContextEntries.member.1.ContextKeyValues.member.2=y&ContextEntries.member.1.ContextKeyValues.member.1=x",
        );
        let members = p.members("ContextEntries").unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].optional("ContextKeyName"), Some("a"));
        assert_eq!(members[0].required_list("ContextKeyValues").unwrap(), ["x", "y"]);
        assert_eq!(members[1].optional("ContextKeyName"), Some("b"));
        assert!(!members[1].has_list("ContextKeyValues"));
    }

    #[test]
    fn structure_list_entries_must_name_a_field() {
        // Found by the fuzzer (query_params_decode): `X.member.2` and `X.member.2.` were both the nameless field of
        // member 2, so one replaced the other without a word.
        for body in [
            "ContextEntries.member.2",
            "ContextEntries.member.2.=a",
            "ContextEntries.member.1.K=a&ContextEntries.member.1=",
        ] {
            let err = params(body).members("ContextEntries").unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValue", "{body}");
            assert!(err.message().contains("names no field"), "{body}: {err}");
        }
        assert_eq!(params("ContextEntries.member.1.K=a").members("ContextEntries").unwrap().len(), 1);
    }

    #[test]
    fn integers_and_booleans_decode_or_fail_as_the_wire_type() {
        let p = params("MaxItems=50&Marker=abc%2Bdef&OnlyAttached=TRUE");
        assert_eq!(p.max_items().unwrap(), Some(50));
        assert_eq!(p.marker().as_deref(), Some("abc+def"));
        assert_eq!(p.bool("OnlyAttached").unwrap(), Some(true));
        assert_eq!(p.bool("Absent").unwrap(), None);
        assert_eq!(params("MaxItems=ten").max_items().unwrap_err().code(), "InvalidParameterValue");
        assert_eq!(params("Flag=yes").bool("Flag").unwrap_err().code(), "InvalidParameterValue");
        // Out of range is not a wire problem: the service answers it.
        assert_eq!(params("MaxItems=0").max_items().unwrap(), Some(0));
    }

    #[test]
    fn unsupported_parameters_are_refused_when_sent() {
        assert_eq!(params("").unsupported("ResourcePolicy", "resource-based policies"), Ok(()));
        let err = params("ResourcePolicy=").unsupported("ResourcePolicy", "resource-based policies").unwrap_err();
        assert_eq!(err, ParamError::InvalidValue("`ResourcePolicy`: resource-based policies are not supported".into()));
    }
}
