//! Starting points for a new policy, for the needs people most often have (the seed's among them). Each is valid as
//! written (a unit test checks them with the validator), and the editor shows its warnings like any other text.

/// One template: its id in the address (`?template=`), what it is for, and the document.
pub struct PolicyTemplate {
    pub id: &'static str,
    pub label: &'static str,
    pub document: &'static str,
}

pub const TEMPLATES: &[PolicyTemplate] = &[
    PolicyTemplate {
        id: "manage-path",
        label: "Manage users under /app/",
        document: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageUsersUnderApp",
      "Effect": "Allow",
      "Action": "iam:*",
      "Resource": [
        "arn:aws:iam::*:user/app/*",
        "arn:aws:iam::*:group/app/*"
      ]
    },
    {
      "Sid": "SeeTheTree",
      "Effect": "Allow",
      "Action": ["iam:ListUsers", "iam:ListGroups"],
      "Resource": "*"
    }
  ]
}
"#,
    },
    PolicyTemplate {
        id: "s3-full",
        label: "Full S3 access",
        document: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "FullS3",
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}
"#,
    },
    PolicyTemplate {
        id: "read-only",
        label: "Read-only (IAM, S3, EC2)",
        document: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadOnly",
      "Effect": "Allow",
      "Action": [
        "iam:Get*",
        "iam:List*",
        "s3:Get*",
        "s3:List*",
        "ec2:Describe*"
      ],
      "Resource": "*"
    }
  ]
}
"#,
    },
    PolicyTemplate {
        id: "mfa-self-service",
        label: "Self-service, MFA required",
        document: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageOwnCredentials",
      "Effect": "Allow",
      "Action": [
        "iam:GetUser",
        "iam:ChangePassword",
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:ListAccessKeys",
        "iam:UpdateAccessKey"
      ],
      "Resource": [
        "arn:aws:iam::*:user/${aws:username}",
        "arn:aws:iam::*:user/*/${aws:username}"
      ]
    },
    {
      "Sid": "ManageOwnMfa",
      "Effect": "Allow",
      "Action": [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice"
      ],
      "Resource": [
        "arn:aws:iam::*:mfa/${aws:username}",
        "arn:aws:iam::*:user/${aws:username}",
        "arn:aws:iam::*:user/*/${aws:username}"
      ]
    },
    {
      "Sid": "DenyAllElseWithoutMfa",
      "Effect": "Deny",
      "NotAction": [
        "iam:GetUser",
        "iam:ChangePassword",
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice"
      ],
      "Resource": "*",
      "Condition": {
        "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" }
      }
    }
  ]
}
"#,
    },
];

pub fn template(id: &str) -> Option<&'static PolicyTemplate> {
    TEMPLATES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_policy::{validate, PolicyKind};

    #[test]
    fn every_template_is_a_valid_user_inline_policy() {
        for t in TEMPLATES {
            let validation = validate(t.document, PolicyKind::UserInline);
            assert!(!validation.has_errors(), "{}: {:?}", t.id, validation.diagnostics);
        }
        assert!(template("s3-full").is_some());
        assert!(template("nope").is_none());
    }
}
