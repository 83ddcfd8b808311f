"""The seed's command-line walk-through, end to end, with two people's credentials: the administrator sets up jeff
as a delegated administrator bounded to /app/, then jeff (his own keys) manages /app/ users and nothing else."""

import json

import pytest

from iamcompat import ClientError, assert_error, aws, client


def test_delegated_admin_bounded_to_app_path(iam, account_id, name, admin_keys):
    jeff, admins = name("jeff"), name("admins")
    backup, syndic8 = name("backup"), name("syndic8")

    # The administrator, through the real `aws` CLI exactly as the seed's `iam-usercreate` step reads.
    created = aws("create-user", "--path", "/family/", "--user-name", jeff, keys=admin_keys)["User"]
    assert created["Path"] == "/family/"
    assert created["Arn"] == f"arn:aws:iam::{account_id}:user/family/{jeff}"
    assert created["UserId"].startswith("AIDA")

    group = iam.create_group(GroupName=admins)["Group"]
    assert group["Arn"] == f"arn:aws:iam::{account_id}:group/{admins}"
    delegation = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": f"arn:aws:iam::{account_id}:user/app/*"}],
    }
    iam.put_group_policy(GroupName=admins, PolicyName="AppAdmin", PolicyDocument=json.dumps(delegation))
    iam.add_user_to_group(GroupName=admins, UserName=jeff)
    members = iam.get_group(GroupName=admins)["Users"]
    assert [u["UserName"] for u in members] == [jeff]
    key = iam.create_access_key(UserName=jeff)["AccessKey"]
    assert key["UserName"] == jeff and key["Status"] == "Active"
    assert key["AccessKeyId"].startswith("AKIA") and len(key["AccessKeyId"]) == 20
    assert len(key["SecretAccessKey"]) == 40

    # Jeff, with his own keys.
    as_jeff = client(key["AccessKeyId"], key["SecretAccessKey"])
    b = as_jeff.create_user(Path="/app/", UserName=backup)["User"]
    s = as_jeff.create_user(Path="/app/", UserName=syndic8)["User"]
    assert b["Arn"] == f"arn:aws:iam::{account_id}:user/app/{backup}"
    assert s["Path"] == "/app/"
    s3_all = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3::*"}]}
    as_jeff.put_user_policy(UserName=backup, PolicyName="S3All", PolicyDocument=json.dumps(s3_all))
    got = as_jeff.get_user_policy(UserName=backup, PolicyName="S3All")
    assert got["PolicyDocument"] == s3_all  # boto3 URL-decodes and parses the document
    listed = [u["UserName"] for u in as_jeff.list_users(PathPrefix="/app/")["Users"]]
    assert backup in listed and syndic8 in listed
    assert all(u["Path"].startswith("/app/") for u in as_jeff.list_users(PathPrefix="/app/")["Users"])

    # ... and nothing outside /app/.
    with pytest.raises(ClientError) as denied:
        as_jeff.create_user(Path="/family/", UserName=name("kid"))
    assert_error(denied, "AccessDenied", 403)
    with pytest.raises(ClientError) as denied:
        as_jeff.list_users(PathPrefix="/")
    assert_error(denied, "AccessDenied", 403)
    with pytest.raises(ClientError) as denied:
        as_jeff.put_user_policy(UserName=jeff, PolicyName="Escalate", PolicyDocument=json.dumps(s3_all))
    assert_error(denied, "AccessDenied", 403)
    # The refused creation really did not happen.
    assert not [u for u in iam.list_users(PathPrefix="/family/")["Users"] if u["UserName"].startswith("kid-")]

    # The administrator sees jeff's work; a new user still has no permissions of its own.
    assert iam.list_user_policies(UserName=backup)["PolicyNames"] == ["S3All"]
    assert iam.list_groups_for_user(UserName=jeff)["Groups"][0]["GroupName"] == admins
