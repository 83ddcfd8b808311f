//! The three benchmark cases: their policies and the requests decided against them.

use crate::model::{
    req, stmt, strings, Cond, Effect::Allow, Effect::Deny, Outcome, Policy, Req, Val,
};

pub struct Case {
    pub name: &'static str,
    pub policies: Vec<Policy>,
    pub requests: Vec<Req>,
}

const ACCOUNT: &str = "123456789012";

/// The context every request of a case carries besides its own keys: TLS and the region.
fn base(extra: Vec<(&'static str, Val)>) -> Vec<(&'static str, Val)> {
    let mut ctx = vec![
        ("aws:SecureTransport", Val::Bool(true)),
        ("aws:RequestedRegion", Val::Str("us-east-1")),
    ];
    ctx.extend(extra);
    ctx
}

/// (a) One small policy: read the objects of one bucket.
pub fn small() -> Case {
    let policies = vec![vec![stmt(
        Allow,
        &["s3:GetObject"],
        &["arn:aws:s3:::photos/*"],
    )]];
    let requests = vec![
        req(
            "s3:GetObject",
            "arn:aws:s3:::photos/2024/cat.jpg",
            base(vec![]),
            Outcome::Allow,
        ),
        req(
            "s3:PutObject",
            "arn:aws:s3:::photos/2024/cat.jpg",
            base(vec![]),
            Outcome::ImplicitDeny,
        ),
    ];
    Case {
        name: "(a) 1 small policy",
        policies,
        requests,
    }
}

/// (b) One user's 20 inline and group policies, with wildcards, `NotAction`, denies and conditions.
pub fn user_with_20() -> Case {
    let a = ACCOUNT;
    let policies: Vec<Policy> = vec![
        // 1. read IAM under /dev/
        vec![stmt(
            Allow,
            &["iam:Get*", "iam:List*"],
            &[&format!("arn:aws:iam::{a}:user/dev/*")],
        )],
        // 2. list the team bucket under one's home and the shared prefix
        vec![
            stmt(Allow, &["s3:ListBucket"], &["arn:aws:s3:::team-bucket"]).when(Cond::StringLike(
                "s3:prefix",
                strings(&["home/alice/*", "shared/*"]),
            )),
        ],
        // 3. read and write one's home objects
        vec![stmt(
            Allow,
            &["s3:GetObject", "s3:PutObject"],
            &["arn:aws:s3:::team-bucket/home/alice/*"],
        )],
        // 4. deny everything without TLS
        vec![stmt(Deny, &["*"], &["*"]).when(Cond::Bool("aws:SecureTransport", false))],
        // 5. describe EC2
        vec![stmt(Allow, &["ec2:Describe*"], &["*"])],
        // 6. start and stop the team's instances
        vec![stmt(
            Allow,
            &["ec2:StartInstances", "ec2:StopInstances"],
            &[&format!("arn:aws:ec2:*:{a}:instance/*")],
        )
        .when(Cond::StringEquals(
            "ec2:ResourceTag/team",
            strings(&["dev"]),
        ))],
        // 7. use the app queues from the office networks
        vec![stmt(
            Allow,
            &["sqs:SendMessage", "sqs:ReceiveMessage"],
            &[&format!("arn:aws:sqs:us-east-1:{a}:app-*")],
        )
        .when(Cond::IpAddress(
            "aws:SourceIp",
            strings(&["10.0.0.0/8", "192.168.0.0/16"]),
        ))],
        // 8. publish alerts
        vec![stmt(
            Allow,
            &["sns:Publish"],
            &[&format!("arn:aws:sns:*:{a}:alerts-*")],
        )],
        // 9. never touch the administrators
        vec![stmt(
            Deny,
            &["iam:*"],
            &[&format!("arn:aws:iam::{a}:user/admin/*")],
        )],
        // 10. put metrics in the app namespaces
        vec![
            stmt(Allow, &["cloudwatch:PutMetricData"], &["*"]).when(Cond::StringEquals(
                "cloudwatch:namespace",
                strings(&["App/Web", "App/Worker"]),
            )),
        ],
        // 11. read RDS
        vec![stmt(Allow, &["rds:Describe*", "rds:List*"], &["*"])],
        // 12. read public buckets
        vec![stmt(Allow, &["s3:GetObject"], &["arn:aws:s3:::public-*/*"])],
        // 13. outside the services in use, nothing outside two regions
        vec![stmt(
            Deny,
            &[
                "s3:*",
                "ec2:*",
                "iam:*",
                "sqs:*",
                "sns:*",
                "cloudwatch:*",
                "rds:*",
                "logs:*",
                "route53:*",
            ],
            &["*"],
        )
        .not_action()
        .when(Cond::StringNotEquals(
            "aws:RequestedRegion",
            strings(&["us-east-1", "eu-west-1"]),
        ))],
        // 14. manage one's own access keys, with a recent MFA
        vec![stmt(
            Allow,
            &[
                "iam:CreateAccessKey",
                "iam:DeleteAccessKey",
                "iam:UpdateAccessKey",
                "iam:ListAccessKeys",
            ],
            &[&format!("arn:aws:iam::{a}:user/dev/alice")],
        )
        .when(Cond::NumericLessThan("aws:MultiFactorAuthAge", 3600))],
        // 15. change one's password
        vec![stmt(
            Allow,
            &["iam:ChangePassword"],
            &[&format!("arn:aws:iam::{a}:user/dev/alice")],
        )],
        // 16. tag instances with the allowed keys only
        vec![
            stmt(Allow, &["ec2:CreateTags"], &["arn:aws:ec2:*:*:instance/*"]).when(
                Cond::ForAllValuesStringEquals("aws:TagKeys", strings(&["team", "env", "owner"])),
            ),
        ],
        // 17. launch small instances in us-east-1
        vec![stmt(
            Allow,
            &["ec2:RunInstances"],
            &[&format!("arn:aws:ec2:us-east-1:{a}:*")],
        )
        .when(Cond::StringEqualsIfExists(
            "ec2:InstanceType",
            strings(&["t3.micro", "t3.small"]),
        ))],
        // 18. never change bucket policies or delete buckets
        vec![stmt(
            Deny,
            &["s3:PutBucketPolicy", "s3:DeleteBucket"],
            &["*"],
        )],
        // 19. write the app's logs
        vec![stmt(
            Allow,
            &["logs:CreateLogStream", "logs:PutLogEvents"],
            &[&format!("arn:aws:logs:*:{a}:log-group:/app/*")],
        )],
        // 20. change address records of one zone
        vec![stmt(
            Allow,
            &["route53:ChangeResourceRecordSets"],
            &["arn:aws:route53:::hostedzone/Z123EXAMPLE"],
        )
        .when(Cond::ForAnyValueStringEquals(
            "route53:ChangeResourceRecordSetsRecordTypes",
            strings(&["A", "AAAA", "CNAME"]),
        ))],
    ];
    let requests = vec![
        req(
            "s3:GetObject",
            "arn:aws:s3:::team-bucket/home/alice/notes.txt",
            base(vec![]),
            Outcome::Allow,
        ),
        req(
            "s3:DeleteObject",
            "arn:aws:s3:::team-bucket/home/alice/notes.txt",
            base(vec![]),
            Outcome::ImplicitDeny,
        ),
        req(
            "s3:GetObject",
            "arn:aws:s3:::team-bucket/home/alice/notes.txt",
            vec![
                ("aws:SecureTransport", Val::Bool(false)),
                ("aws:RequestedRegion", Val::Str("us-east-1")),
            ],
            Outcome::ExplicitDeny,
        ),
        req(
            "iam:DeleteUser",
            &format!("arn:aws:iam::{a}:user/admin/root-ops"),
            base(vec![]),
            Outcome::ExplicitDeny,
        ),
        req(
            "sqs:SendMessage",
            &format!("arn:aws:sqs:us-east-1:{a}:app-orders"),
            base(vec![("aws:SourceIp", Val::Ip("10.1.2.3"))]),
            Outcome::Allow,
        ),
        req(
            "sqs:SendMessage",
            &format!("arn:aws:sqs:us-east-1:{a}:app-orders"),
            base(vec![("aws:SourceIp", Val::Ip("203.0.113.9"))]),
            Outcome::ImplicitDeny,
        ),
        req(
            "ec2:RunInstances",
            &format!("arn:aws:ec2:us-east-1:{a}:instance/i-0abc"),
            base(vec![("ec2:InstanceType", Val::Str("t3.micro"))]),
            Outcome::Allow,
        ),
        req(
            "lambda:InvokeFunction",
            &format!("arn:aws:lambda:ap-south-1:{a}:function:f"),
            vec![
                ("aws:SecureTransport", Val::Bool(true)),
                ("aws:RequestedRegion", Val::Str("ap-south-1")),
            ],
            Outcome::ExplicitDeny,
        ),
        req(
            "dynamodb:GetItem",
            &format!("arn:aws:dynamodb:us-east-1:{a}:table/t"),
            base(vec![]),
            Outcome::ImplicitDeny,
        ),
        req(
            "ec2:CreateTags",
            &format!("arn:aws:ec2:us-east-1:{a}:instance/i-0abc"),
            base(vec![("aws:TagKeys", Val::Set(vec!["team", "env"]))]),
            Outcome::Allow,
        ),
        req(
            "iam:CreateAccessKey",
            &format!("arn:aws:iam::{a}:user/dev/alice"),
            base(vec![("aws:MultiFactorAuthAge", Val::Num(120))]),
            Outcome::Allow,
        ),
        req(
            "route53:ChangeResourceRecordSets",
            "arn:aws:route53:::hostedzone/Z123EXAMPLE",
            base(vec![(
                "route53:ChangeResourceRecordSetsRecordTypes",
                Val::Set(vec!["TXT", "MX"]),
            )]),
            Outcome::ImplicitDeny,
        ),
    ];
    Case {
        name: "(b) user with 20 policies",
        policies,
        requests,
    }
}

/// (c) 200 policies of four kinds, as an account's worth of attachments.
pub fn two_hundred() -> Case {
    let a = ACCOUNT;
    let policies: Vec<Policy> = (0..200)
        .map(|i| match i % 4 {
            0 => vec![stmt(
                Allow,
                &["s3:Get*", "s3:List*"],
                &[
                    &format!("arn:aws:s3:::bucket-{i}"),
                    &format!("arn:aws:s3:::bucket-{i}/*"),
                ],
            )],
            1 => vec![stmt(
                Allow,
                &["sqs:SendMessage", "sqs:ReceiveMessage"],
                &[&format!("arn:aws:sqs:*:{a}:queue-{i}")],
            )
            .when(Cond::IpAddress(
                "aws:SourceIp",
                vec![format!("10.{i}.0.0/16")],
            ))],
            2 => vec![stmt(
                Allow,
                &["ec2:StartInstances", "ec2:StopInstances"],
                &[&format!("arn:aws:ec2:*:{a}:instance/*")],
            )
            .when(Cond::StringEquals(
                "ec2:ResourceTag/project",
                vec![format!("proj-{i}")],
            ))],
            _ => vec![
                stmt(
                    Deny,
                    &["s3:DeleteObject", "s3:PutObject"],
                    &[&format!("arn:aws:s3:::bucket-{}/protected/*", i - 3)],
                ),
                stmt(
                    Allow,
                    &["s3:PutObject"],
                    &[&format!("arn:aws:s3:::bucket-{}/*", i - 3)],
                ),
            ],
        })
        .collect();
    let requests = vec![
        req(
            "s3:GetObject",
            "arn:aws:s3:::bucket-196/a/b.txt",
            base(vec![]),
            Outcome::Allow,
        ),
        req(
            "s3:ListBucket",
            "arn:aws:s3:::bucket-0",
            base(vec![]),
            Outcome::Allow,
        ),
        req(
            "s3:PutObject",
            "arn:aws:s3:::bucket-196/protected/x",
            base(vec![]),
            Outcome::ExplicitDeny,
        ),
        req(
            "s3:PutObject",
            "arn:aws:s3:::bucket-96/x",
            base(vec![]),
            Outcome::Allow,
        ),
        req(
            "iam:CreateUser",
            &format!("arn:aws:iam::{a}:user/mallory"),
            base(vec![]),
            Outcome::ImplicitDeny,
        ),
        req(
            "sqs:SendMessage",
            &format!("arn:aws:sqs:us-east-1:{a}:queue-101"),
            base(vec![("aws:SourceIp", Val::Ip("10.101.3.4"))]),
            Outcome::Allow,
        ),
        req(
            "sqs:SendMessage",
            &format!("arn:aws:sqs:us-east-1:{a}:queue-101"),
            base(vec![("aws:SourceIp", Val::Ip("10.102.3.4"))]),
            Outcome::ImplicitDeny,
        ),
        req(
            "ec2:StopInstances",
            &format!("arn:aws:ec2:us-east-1:{a}:instance/i-0abc"),
            base(vec![("ec2:ResourceTag/project", Val::Str("proj-150"))]),
            Outcome::Allow,
        ),
    ];
    Case {
        name: "(c) 200 policies",
        policies,
        requests,
    }
}
