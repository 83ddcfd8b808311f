"""Users, groups, membership and user tags through boto3, asserting on the returned data."""

import datetime

import pytest

from iamcompat import ClientError, assert_error


def test_user_lifecycle(iam, name, account_id):
    user = name("alice")
    created = iam.create_user(UserName=user, Path="/people/", Tags=[{"Key": "team", "Value": "ops"}])["User"]
    assert created["UserName"] == user
    assert created["Path"] == "/people/"
    assert created["Arn"] == f"arn:aws:iam::{account_id}:user/people/{user}"
    assert created["UserId"].startswith("AIDA") and len(created["UserId"]) == 21
    assert isinstance(created["CreateDate"], datetime.datetime)  # ISO 8601 on the wire
    assert created.get("Tags") == [{"Key": "team", "Value": "ops"}]

    got = iam.get_user(UserName=user)["User"]
    assert got["UserId"] == created["UserId"]
    assert got["Tags"] == [{"Key": "team", "Value": "ops"}]
    assert "PasswordLastUsed" not in got

    # Names are case-insensitive for lookup and uniqueness.
    assert iam.get_user(UserName=user.upper())["User"]["UserName"] == user

    renamed = name("alicia")
    iam.update_user(UserName=user, NewUserName=renamed, NewPath="/people/moved/")
    moved = iam.get_user(UserName=renamed)["User"]
    assert moved["Path"] == "/people/moved/"
    assert moved["UserId"] == created["UserId"]
    assert moved["Arn"] == f"arn:aws:iam::{account_id}:user/people/moved/{renamed}"
    with pytest.raises(ClientError) as gone:
        iam.get_user(UserName=user)
    assert_error(gone, "NoSuchEntity", 404)

    iam.delete_user(UserName=renamed)
    with pytest.raises(ClientError) as gone:
        iam.get_user(UserName=renamed)
    assert_error(gone, "NoSuchEntity", 404)


def test_list_users_by_path_prefix(iam, name):
    root = f"/lp-{name('x')}/"
    a, b, c = name("a"), name("b"), name("c")
    iam.create_user(UserName=a, Path=root)
    iam.create_user(UserName=b, Path=f"{root}deep/")
    iam.create_user(UserName=c, Path="/elsewhere/")
    under = iam.list_users(PathPrefix=root)
    assert under["IsTruncated"] is False
    assert sorted(u["UserName"] for u in under["Users"]) == sorted([a, b])
    assert [u["UserName"] for u in iam.list_users(PathPrefix=f"{root}deep/")["Users"]] == [b]
    everyone = [u["UserName"] for u in iam.list_users()["Users"]]  # no prefix: all (first page of 100)
    assert a in everyone or len(everyone) == 100


def test_user_tags(iam, name):
    user = name("tagged")
    iam.create_user(UserName=user)
    assert iam.list_user_tags(UserName=user)["Tags"] == []
    iam.tag_user(UserName=user, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "jeff"}])
    tags = iam.list_user_tags(UserName=user)
    assert sorted((t["Key"], t["Value"]) for t in tags["Tags"]) == [("env", "prod"), ("owner", "jeff")]
    assert tags["IsTruncated"] is False
    iam.tag_user(UserName=user, Tags=[{"Key": "env", "Value": "dev"}])  # same key: replaced
    iam.untag_user(UserName=user, TagKeys=["owner"])
    assert iam.list_user_tags(UserName=user)["Tags"] == [{"Key": "env", "Value": "dev"}]
    with pytest.raises(ClientError) as reserved:
        iam.tag_user(UserName=user, Tags=[{"Key": "aws:reserved", "Value": "x"}])
    assert reserved.value.response["Error"]["Code"] in ("InvalidInput", "ValidationError")
    assert reserved.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_group_lifecycle_and_membership(iam, name, account_id):
    group, u1, u2 = name("devs"), name("m1"), name("m2")
    created = iam.create_group(GroupName=group, Path="/teams/")["Group"]
    assert created["Arn"] == f"arn:aws:iam::{account_id}:group/teams/{group}"
    assert created["GroupId"].startswith("AGPA")
    assert created["Path"] == "/teams/"
    iam.create_user(UserName=u1)
    iam.create_user(UserName=u2)
    iam.add_user_to_group(GroupName=group, UserName=u1)
    iam.add_user_to_group(GroupName=group, UserName=u2)
    iam.add_user_to_group(GroupName=group, UserName=u1)  # AWS: adding twice is not an error

    got = iam.get_group(GroupName=group)
    assert got["Group"]["GroupName"] == group
    assert sorted(u["UserName"] for u in got["Users"]) == sorted([u1, u2])
    assert got["IsTruncated"] is False
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=u1)["Groups"]] == [group]
    assert group in [g["GroupName"] for g in iam.list_groups(PathPrefix="/teams/")["Groups"]]

    # Deleting a group with members is a conflict.
    with pytest.raises(ClientError) as conflict:
        iam.delete_group(GroupName=group)
    assert_error(conflict, "DeleteConflict", 409)
    # ... and so is deleting a user who is still a member.
    with pytest.raises(ClientError) as conflict:
        iam.delete_user(UserName=u1)
    assert_error(conflict, "DeleteConflict", 409)

    renamed = name("engineers")
    iam.update_group(GroupName=group, NewGroupName=renamed, NewPath="/teams/eng/")
    assert iam.get_group(GroupName=renamed)["Group"]["Path"] == "/teams/eng/"
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=u2)["Groups"]] == [renamed]

    iam.remove_user_from_group(GroupName=renamed, UserName=u1)
    iam.remove_user_from_group(GroupName=renamed, UserName=u2)
    assert iam.get_group(GroupName=renamed)["Users"] == []
    assert iam.list_groups_for_user(UserName=u1)["Groups"] == []
    iam.delete_group(GroupName=renamed)
    with pytest.raises(ClientError) as gone:
        iam.get_group(GroupName=renamed)
    assert_error(gone, "NoSuchEntity", 404)
    iam.delete_user(UserName=u1)
    iam.delete_user(UserName=u2)
