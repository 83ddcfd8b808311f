//! The request's parameters, decoded from `application/x-www-form-urlencoded` (the POST body, or the query string of a
//! GET), with the AWS Query protocol's flattening undone: lists arrive as `X.member.1`, `X.member.2`, …; structures in
//! lists as `Tags.member.1.Key`, `Tags.member.1.Value`.
//!
//! Only the wire encoding is checked here (present, an integer, a boolean). What a value means — a valid name, a
//! page size in range — is the service's to judge (DESIGN rule 1), through the `app::model` parsers.

use std::collections::BTreeMap;

use app::model::{IamError, PageRequest, Tag};

use super::error::WireError;

/// The decoded parameters. Sorted, so the entries of one list are adjacent and found with one range scan.
#[derive(Debug, Clone, Default)]
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

    /// A parameter's value, if sent at all (an empty value counts as sent: the service decides whether it's valid).
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    pub fn required(&self, name: &str) -> Result<&str, WireError> {
        self.optional(name).ok_or_else(|| WireError::missing_parameter(name))
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
        let mut items = Vec::new();
        for (rest, value) in self.under(prefix) {
            items.push((index(prefix, rest)?, value.to_owned()));
        }
        items.sort_by_key(|(i, _)| *i);
        Ok(items.into_iter().map(|(_, v)| v).collect())
    }

    /// `Tags.member.N.Key` / `Tags.member.N.Value` pairs (botocore's `tagListType`), in index order. Both fields are
    /// required members of botocore's `Tag` shape.
    pub fn tags(&self, name: &str) -> Result<Vec<Tag>, WireError> {
        let prefix = format!("{name}.member");
        let mut fields: BTreeMap<u32, (Option<String>, Option<String>)> = BTreeMap::new();
        for (rest, value) in self.under(&prefix) {
            let (n, field) = rest.split_once('.').unwrap_or((rest, ""));
            let entry = fields.entry(index(&prefix, n)?).or_default();
            match field {
                "Key" => entry.0 = Some(value.to_owned()),
                "Value" => entry.1 = Some(value.to_owned()),
                other => {
                    return Err(WireError::invalid_parameter_value(format!(
                        "`{prefix}.{n}.{other}` is not a tag field; use `Key` and `Value`"
                    )))
                }
            }
        }
        fields
            .into_iter()
            .map(|(n, pair)| match pair {
                (Some(key), Some(value)) => Ok(Tag { key, value }),
                (None, _) => Err(WireError::missing_parameter(&format!("{prefix}.{n}.Key"))),
                (_, None) => Err(WireError::missing_parameter(&format!("{prefix}.{n}.Value"))),
            })
            .collect()
    }

    /// The structures of a list (`ContextEntries.member.N.…`), each as its own `Params` holding its fields
    /// (`ContextKeyName`, `ContextKeyValues.member.M`, …), in index order.
    pub fn members(&self, name: &str) -> Result<Vec<Params>, WireError> {
        let prefix = format!("{name}.member");
        let mut items: BTreeMap<u32, Params> = BTreeMap::new();
        for (rest, value) in self.under(&prefix) {
            let (n, field) = rest.split_once('.').unwrap_or((rest, ""));
            items.entry(index(&prefix, n)?).or_default().map.insert(field.to_owned(), value.to_owned());
        }
        Ok(items.into_values().collect())
    }

    /// Whether a list parameter was sent at all: botocore sends an empty list as a bare `Name=`, a non-empty one as
    /// `Name.member.N` entries.
    pub fn has_list(&self, name: &str) -> bool {
        self.map.contains_key(name) || self.under(name).next().is_some()
    }

    /// A required list parameter's members (`TagKeys` → `TagKeys.member.N`).
    pub fn required_list(&self, name: &str) -> Result<Vec<String>, WireError> {
        if !self.has_list(name) {
            return Err(WireError::missing_parameter(name));
        }
        self.member_list(&format!("{name}.member"))
    }

    /// A parameter this server does not implement. Refused rather than ignored when ignoring it would quietly grant
    /// or keep more than the caller asked for (a permissions boundary, for one).
    pub fn unsupported(&self, name: &str, what: &str) -> Result<(), WireError> {
        match self.optional(name) {
            Some(_) => Err(WireError::invalid_parameter_value(format!("`{name}`: {what} are not supported"))),
            None => Ok(()),
        }
    }

    /// `MaxItems`, as an integer; its range (1–1000) is the service's rule.
    pub fn max_items(&self) -> Result<Option<i64>, WireError> {
        self.integer("MaxItems")
    }

    /// An integer parameter; its range is the service's rule.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, WireError> {
        self.optional(name)
            .map(|v| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| WireError::invalid_parameter_value(format!("`{name}` must be an integer, not `{v}`")))
            })
            .transpose()
    }

    /// `Marker`, passed through untouched: only the service can tell whether it issued it.
    pub fn marker(&self) -> Option<String> {
        self.optional("Marker").map(str::to_owned)
    }

    /// `Marker` and `MaxItems` together, as every paged list takes them.
    pub fn page(&self) -> Result<PageRequest, WireError> {
        Ok(PageRequest { marker: self.marker(), max_items: self.max_items()? })
    }

    /// A boolean parameter: `true` or `false` as botocore sends them (any case, as AWS accepts).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, WireError> {
        self.optional(name)
            .map(|v| match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(WireError::invalid_parameter_value(format!("`{name}` must be `true` or `false`, not `{v}`"))),
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

/// A list position: AWS numbers list members from 1.
fn index(prefix: &str, n: &str) -> Result<u32, WireError> {
    match n.parse::<u32>() {
        Ok(i) if i >= 1 => Ok(i),
        _ => Err(WireError::invalid_parameter_value(format!(
            "`{prefix}.{n}` is not a list member; members are numbered from 1"
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
    }

    #[test]
    fn required_parameters_are_missing_parameter_errors() {
        let p = params("UserName=");
        assert_eq!(p.required("UserName").unwrap(), "");
        let err = p.required("GroupName").unwrap_err();
        assert_eq!((err.code, err.status), ("MissingParameter", 400));
        assert!(err.message.contains("`GroupName`"), "{}", err.message);
    }

    #[test]
    fn model_parsers_report_validation_errors() {
        let p = params("UserName=bad%20name");
        let err = p.required_as("UserName", app::model::UserName::parse).unwrap_err();
        assert_eq!(err.code, "ValidationError");
        assert_eq!(p.optional_as("Path", app::model::IamPath::parse).unwrap(), None);
    }

    #[test]
    fn member_lists_come_back_in_index_order() {
        let p = params("TagKeys.member.2=b&TagKeys.member.10=c&TagKeys.member.1=a&TagKeysX=no&TagKeys=no");
        assert_eq!(p.member_list("TagKeys.member").unwrap(), ["a", "b", "c"]);
        assert!(p.member_list("Other.member").unwrap().is_empty());
        let err = params("TagKeys.member.0=a").member_list("TagKeys.member").unwrap_err();
        assert_eq!(err.code, "InvalidParameterValue");
        assert!(params("TagKeys.member.x=a").member_list("TagKeys.member").is_err());
        assert_eq!(params("TagKeys=").required_list("TagKeys").unwrap(), Vec::<String>::new());
        assert_eq!(params("TagKeys.member.1=a").required_list("TagKeys").unwrap(), ["a"]);
        assert_eq!(params("").required_list("TagKeys").unwrap_err().code, "MissingParameter");
    }

    #[test]
    fn tags_pair_keys_with_values() {
        let p = params("Tags.member.2.Key=team&Tags.member.2.Value=&Tags.member.1.Value=ops&Tags.member.1.Key=dept");
        let tags = p.tags("Tags").unwrap();
        assert_eq!(
            tags,
            [Tag { key: "dept".into(), value: "ops".into() }, Tag { key: "team".into(), value: "".into() }]
        );
        assert!(params("").tags("Tags").unwrap().is_empty());
        let err = params("Tags.member.1.Key=k").tags("Tags").unwrap_err();
        assert_eq!(err.code, "MissingParameter");
        assert!(err.message.contains("`Tags.member.1.Value`"), "{}", err.message);
        assert_eq!(params("Tags.member.1.Colour=red").tags("Tags").unwrap_err().code, "InvalidParameterValue");
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
    fn pages_and_booleans_decode_or_fail_as_the_wire_type() {
        let p = params("MaxItems=50&Marker=abc%2Bdef&OnlyAttached=TRUE");
        assert_eq!(p.page().unwrap(), PageRequest { marker: Some("abc+def".into()), max_items: Some(50) });
        assert_eq!(p.bool("OnlyAttached").unwrap(), Some(true));
        assert_eq!(p.bool("Absent").unwrap(), None);
        assert_eq!(params("MaxItems=ten").max_items().unwrap_err().code, "InvalidParameterValue");
        assert_eq!(params("Flag=yes").bool("Flag").unwrap_err().code, "InvalidParameterValue");
        // Out of range is not a wire problem: the service answers it.
        assert_eq!(params("MaxItems=0").max_items().unwrap(), Some(0));
    }
}
