"""Account-wide actions: the policy simulator, GetAccountSummary, the credential report, account aliases, and an
unknown action through a raw signed request."""

import csv
import datetime
import io
import json

import pytest

from iamcompat import ClientError, allow, assert_error, raw_request, xml_error_code


def test_simulate_principal_policy(iam, name, account_id):
    user, group = name("sim"), name("simg")
    iam.create_user(UserName=user, Path="/sim/")
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    iam.put_group_policy(GroupName=group, PolicyName="Read", PolicyDocument=json.dumps(allow("s3:Get*", "*")))
    deny = {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::secret/*"}],
    }
    iam.put_user_policy(UserName=user, PolicyName="Deny", PolicyDocument=json.dumps(deny))
    arn = f"arn:aws:iam::{account_id}:user/sim/{user}"

    results = iam.simulate_principal_policy(
        PolicySourceArn=arn,
        ActionNames=["s3:GetObject", "s3:PutObject"],
        ResourceArns=["arn:aws:s3:::public/a", "arn:aws:s3:::secret/b"],
    )["EvaluationResults"]
    decisions = {(r["EvalActionName"], r["EvalResourceName"]): r["EvalDecision"] for r in results}
    assert decisions == {
        ("s3:GetObject", "arn:aws:s3:::public/a"): "allowed",
        ("s3:GetObject", "arn:aws:s3:::secret/b"): "explicitDeny",
        ("s3:PutObject", "arn:aws:s3:::public/a"): "implicitDeny",
        ("s3:PutObject", "arn:aws:s3:::secret/b"): "explicitDeny",
    }
    allowed = next(r for r in results if r["EvalDecision"] == "allowed")
    assert allowed["MatchedStatements"], "the deciding statement is reported"
    # AWS's id format for inline policies is not documented; the type is (an enum).
    assert "Read" in allowed["MatchedStatements"][0]["SourcePolicyId"]
    assert allowed["MatchedStatements"][0]["SourcePolicyType"] == "group"
    denied = next(r for r in results if r["EvalDecision"] == "explicitDeny")
    assert "Deny" in denied["MatchedStatements"][0]["SourcePolicyId"]
    assert denied["MatchedStatements"][0]["SourcePolicyType"] == "user"

    # Extra documents are simulated on top of the user's own.
    extra = iam.simulate_principal_policy(
        PolicySourceArn=arn,
        PolicyInputList=[json.dumps(allow("s3:PutObject", "*"))],
        ActionNames=["s3:PutObject"],
        ResourceArns=["arn:aws:s3:::public/a"],
    )["EvaluationResults"]
    assert extra[0]["EvalDecision"] == "allowed"

    with pytest.raises(ClientError) as missing:
        iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{account_id}:user/{name('nobody')}",
                                      ActionNames=["s3:GetObject"])
    assert_error(missing, "NoSuchEntity", 404)


def test_simulate_custom_policy_with_context(iam):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "ec2:StartInstances",
                "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
            }
        ],
    }
    def decide(ip):
        results = iam.simulate_custom_policy(
            PolicyInputList=[json.dumps(policy)],
            ActionNames=["ec2:StartInstances"],
            ContextEntries=[{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": [ip], "ContextKeyType": "ip"}],
        )["EvaluationResults"]
        assert len(results) == 1
        assert results[0]["EvalResourceName"] == "*"
        return results[0]["EvalDecision"]

    assert decide("10.1.2.3") == "allowed"
    assert decide("192.168.0.1") == "implicitDeny"

    with pytest.raises(ClientError) as malformed:
        iam.simulate_custom_policy(PolicyInputList=['{"Statement": nope'], ActionNames=["s3:GetObject"])
    assert_error(malformed, "MalformedPolicyDocument", 400)


def test_get_account_summary_counts(iam, name):
    before = iam.get_account_summary()["SummaryMap"]
    for key in ("Users", "Groups", "Policies", "UsersQuota", "AccessKeysPerUserQuota", "MFADevices",
                "AccountMFAEnabled", "PolicyVersionsInUse"):
        assert isinstance(before[key], int), key
    assert before["AccessKeysPerUserQuota"] == 2
    assert before["UserPolicySizeQuota"] == 2048
    iam.create_user(UserName=name("count"))
    iam.create_group(GroupName=name("countg"))
    iam.create_policy(PolicyName=name("CountP"), PolicyDocument=json.dumps(allow("s3:*", "*")))
    after = iam.get_account_summary()["SummaryMap"]
    assert after["Users"] == before["Users"] + 1
    assert after["Groups"] == before["Groups"] + 1
    assert after["Policies"] == before["Policies"] + 1
    assert after["PolicyVersionsInUse"] >= before["PolicyVersionsInUse"] + 1


def test_credential_report(iam, name):
    user = name("report")
    iam.create_user(UserName=user)
    iam.create_access_key(UserName=user)
    state = iam.generate_credential_report()
    assert state["State"] in ("STARTED", "INPROGRESS", "COMPLETE")
    report = iam.get_credential_report()
    assert report["ReportFormat"] == "text/csv"
    assert isinstance(report["GeneratedTime"], datetime.datetime)
    content = report["Content"]
    assert isinstance(content, bytes)  # base64 on the wire, decoded by boto3
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert rows[0]["user"] == "<root_account>"
    mine = [r for r in rows if r["user"] == user]
    assert len(mine) == 1
    assert mine[0]["access_key_1_active"] == "true"
    assert mine[0]["password_enabled"] == "false"
    assert mine[0]["arn"].endswith(f":user/{user}")
    for column in ("user_creation_time", "mfa_active", "access_key_1_last_used_date", "access_key_2_active"):
        assert column in rows[0], column


def test_account_aliases(iam, name):
    existing = iam.list_account_aliases()["AccountAliases"]
    for alias in existing:
        iam.delete_account_alias(AccountAlias=alias)
    alias = name("compat").lower()
    try:
        iam.create_account_alias(AccountAlias=alias)
        listed = iam.list_account_aliases()
        assert listed["AccountAliases"] == [alias]
        assert listed["IsTruncated"] is False
        with pytest.raises(ClientError) as bad:
            iam.create_account_alias(AccountAlias="Not_Valid")  # lower-case letters, digits and hyphens only
        assert bad.value.response["Error"]["Code"] == "ValidationError"
        assert bad.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        iam.delete_account_alias(AccountAlias=alias)
        assert iam.list_account_aliases()["AccountAliases"] == []
        with pytest.raises(ClientError) as gone:
            iam.delete_account_alias(AccountAlias=alias)
        assert_error(gone, "NoSuchEntity", 404)
    finally:
        for old in iam.list_account_aliases()["AccountAliases"]:
            iam.delete_account_alias(AccountAlias=old)
        for old in existing:
            iam.create_account_alias(AccountAlias=old)


def test_unknown_action_is_invalid_action(admin_keys):
    status, root, text = raw_request({"Action": "LaunchRockets"}, *admin_keys)
    assert status == 400, text
    assert xml_error_code(root) == "InvalidAction", text


def test_raw_signed_requests_post_and_get(admin_keys):
    status, root, text = raw_request({"Action": "ListUsers", "MaxItems": "1"}, *admin_keys)
    assert status == 200, text
    assert root.tag == "{https://iam.amazonaws.com/doc/2010-05-08/}ListUsersResponse"
    assert root.find("{https://iam.amazonaws.com/doc/2010-05-08/}ListUsersResult") is not None
    request_id = root.find(
        "{https://iam.amazonaws.com/doc/2010-05-08/}ResponseMetadata/{https://iam.amazonaws.com/doc/2010-05-08/}RequestId"
    )
    assert request_id is not None and request_id.text
    status, root, text = raw_request({"Action": "GetUser"}, *admin_keys, method="GET")
    assert status == 200, text
    assert root.tag.endswith("GetUserResponse")
