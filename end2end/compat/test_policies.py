"""Inline policies (users and groups), managed policies with versions, attachments and ListEntitiesForPolicy."""

import json

import pytest

from iamcompat import ClientError, allow, assert_error


def test_user_inline_policies(iam, name):
    user = name("inline")
    iam.create_user(UserName=user)
    doc = allow("s3:GetObject", "arn:aws:s3:::bucket/*")
    iam.put_user_policy(UserName=user, PolicyName="Read", PolicyDocument=json.dumps(doc))
    iam.put_user_policy(UserName=user, PolicyName="Also", PolicyDocument=json.dumps(allow("sqs:*", "*")))
    got = iam.get_user_policy(UserName=user, PolicyName="Read")
    assert got["UserName"] == user and got["PolicyName"] == "Read"
    assert got["PolicyDocument"] == doc
    assert sorted(iam.list_user_policies(UserName=user)["PolicyNames"]) == ["Also", "Read"]

    replaced = allow("s3:PutObject", "arn:aws:s3:::bucket/*")
    iam.put_user_policy(UserName=user, PolicyName="Read", PolicyDocument=json.dumps(replaced))
    assert iam.get_user_policy(UserName=user, PolicyName="Read")["PolicyDocument"] == replaced

    # A user with an inline policy cannot be deleted.
    with pytest.raises(ClientError) as conflict:
        iam.delete_user(UserName=user)
    assert_error(conflict, "DeleteConflict", 409)

    iam.delete_user_policy(UserName=user, PolicyName="Read")
    iam.delete_user_policy(UserName=user, PolicyName="Also")
    assert iam.list_user_policies(UserName=user)["PolicyNames"] == []
    with pytest.raises(ClientError) as gone:
        iam.get_user_policy(UserName=user, PolicyName="Read")
    assert_error(gone, "NoSuchEntity", 404)
    iam.delete_user(UserName=user)


def test_group_inline_policies(iam, name):
    group = name("g")
    iam.create_group(GroupName=group)
    doc = allow(["iam:GetUser", "iam:ListUsers"], "*")
    iam.put_group_policy(GroupName=group, PolicyName="ReadIam", PolicyDocument=json.dumps(doc))
    got = iam.get_group_policy(GroupName=group, PolicyName="ReadIam")
    assert got["GroupName"] == group and got["PolicyDocument"] == doc
    assert iam.list_group_policies(GroupName=group)["PolicyNames"] == ["ReadIam"]
    with pytest.raises(ClientError) as conflict:
        iam.delete_group(GroupName=group)
    assert_error(conflict, "DeleteConflict", 409)
    iam.delete_group_policy(GroupName=group, PolicyName="ReadIam")
    assert iam.list_group_policies(GroupName=group)["PolicyNames"] == []
    iam.delete_group(GroupName=group)


def test_policy_documents_keep_unicode_and_special_characters(iam, name):
    user = name("enc")
    iam.create_user(UserName=user)
    doc = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Odd",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::b/a+b c&d=e%f/é/*",
                "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}},
            }
        ],
    }
    iam.put_user_policy(UserName=user, PolicyName="Enc", PolicyDocument=json.dumps(doc))
    assert iam.get_user_policy(UserName=user, PolicyName="Enc")["PolicyDocument"] == doc


def test_managed_policy_versions(iam, name, account_id):
    policy_name = name("Managed")
    v1 = allow("s3:ListBucket", "*")
    policy = iam.create_policy(
        PolicyName=policy_name, Path="/shared/", PolicyDocument=json.dumps(v1), Description="for tests"
    )["Policy"]
    arn = policy["Arn"]
    assert arn == f"arn:aws:iam::{account_id}:policy/shared/{policy_name}"
    assert policy["PolicyId"].startswith("ANPA")
    assert policy["DefaultVersionId"] == "v1"
    assert policy["AttachmentCount"] == 0
    assert policy["IsAttachable"] is True
    assert policy["Path"] == "/shared/"

    got = iam.get_policy(PolicyArn=arn)["Policy"]
    assert got["PolicyName"] == policy_name and got["Description"] == "for tests"
    assert arn in [p["Arn"] for p in iam.list_policies(Scope="Local", PathPrefix="/shared/")["Policies"]]
    assert arn not in [p["Arn"] for p in iam.list_policies(Scope="AWS")["Policies"]]

    version1 = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert version1["Document"] == v1
    assert version1["IsDefaultVersion"] is True

    v2 = allow("s3:*", "*")
    created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2), SetAsDefault=True)
    assert created["PolicyVersion"]["VersionId"] == "v2"
    assert created["PolicyVersion"]["IsDefaultVersion"] is True
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v1))  # v3, not default
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert sorted(v["VersionId"] for v in versions) == ["v1", "v2", "v3"]
    assert [v["VersionId"] for v in versions if v["IsDefaultVersion"]] == ["v2"]

    # The default version cannot be deleted; another can.
    with pytest.raises(ClientError) as conflict:
        iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    assert_error(conflict, "DeleteConflict", 409)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v3")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v3"
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    with pytest.raises(ClientError) as gone:
        iam.get_policy_version(PolicyArn=arn, VersionId="v2")
    assert_error(gone, "NoSuchEntity", 404)

    # Five versions at most.
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2))
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2))
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2))
    assert len(iam.list_policy_versions(PolicyArn=arn)["Versions"]) == 5
    with pytest.raises(ClientError) as full:
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2))
    assert_error(full, "LimitExceeded", 409)

    # As in AWS, a policy goes only once its non-default versions are gone.
    with pytest.raises(ClientError) as conflict:
        iam.delete_policy(PolicyArn=arn)
    assert_error(conflict, "DeleteConflict", 409)
    for version in iam.list_policy_versions(PolicyArn=arn)["Versions"]:
        if not version["IsDefaultVersion"]:
            iam.delete_policy_version(PolicyArn=arn, VersionId=version["VersionId"])
    iam.delete_policy(PolicyArn=arn)
    with pytest.raises(ClientError) as gone:
        iam.get_policy(PolicyArn=arn)
    assert_error(gone, "NoSuchEntity", 404)


def test_attachments_and_entities_for_policy(iam, name):
    user, group = name("att-u"), name("att-g")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    arn = iam.create_policy(PolicyName=name("Attach"), PolicyDocument=json.dumps(allow("ec2:Describe*", "*")))[
        "Policy"
    ]["Arn"]

    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    iam.attach_group_policy(GroupName=group, PolicyArn=arn)
    attached = iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]
    assert [a["PolicyArn"] for a in attached] == [arn]
    assert attached[0]["PolicyName"] == arn.rsplit("/", 1)[1]
    assert [a["PolicyArn"] for a in iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"]] == [arn]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2

    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in entities["PolicyUsers"]] == [user]
    assert [g["GroupName"] for g in entities["PolicyGroups"]] == [group]
    assert entities["PolicyRoles"] == []
    only_users = iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="User")
    assert only_users["PolicyGroups"] == [] and len(only_users["PolicyUsers"]) == 1

    # An attached policy cannot be deleted; a user with an attached policy cannot be deleted.
    with pytest.raises(ClientError) as conflict:
        iam.delete_policy(PolicyArn=arn)
    assert_error(conflict, "DeleteConflict", 409)
    with pytest.raises(ClientError) as conflict:
        iam.delete_user(UserName=user)
    assert_error(conflict, "DeleteConflict", 409)

    iam.detach_user_policy(UserName=user, PolicyArn=arn)
    iam.detach_group_policy(GroupName=group, PolicyArn=arn)
    assert iam.list_attached_user_policies(UserName=user)["AttachedPolicies"] == []
    with pytest.raises(ClientError) as not_attached:
        iam.detach_user_policy(UserName=user, PolicyArn=arn)
    assert_error(not_attached, "NoSuchEntity", 404)
    iam.delete_policy(PolicyArn=arn)
    iam.delete_user(UserName=user)
    iam.delete_group(GroupName=group)


def test_managed_policy_grants_permissions(iam, name, user_with_keys, account_id):
    """An attached managed policy takes effect for the user's own signed calls."""
    user, as_user, _ = user_with_keys("mp")
    with pytest.raises(ClientError) as denied:
        as_user.list_groups()
    assert_error(denied, "AccessDenied", 403)
    arn = iam.create_policy(PolicyName=name("ListGroups"), PolicyDocument=json.dumps(allow("iam:ListGroups", "*")))[
        "Policy"
    ]["Arn"]
    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    assert "Groups" in as_user.list_groups()
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:List*", "Resource": "*"}]}
    iam.put_user_policy(UserName=user, PolicyName="Deny", PolicyDocument=json.dumps(deny))
    with pytest.raises(ClientError) as denied:
        as_user.list_groups()  # an explicit Deny beats the Allow
    assert_error(denied, "AccessDenied", 403)
