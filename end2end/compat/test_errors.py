"""Error codes and HTTP statuses as AWS returns them, and SigV4 failures."""

import datetime
import json
import uuid

import botocore
import pytest
import requests
from botocore.config import Config

from iamcompat import ENDPOINT, ClientError, allow, assert_error, client, raw_request, xml_error_code


def test_no_such_entity(iam, name):
    with pytest.raises(ClientError) as err:
        iam.get_user(UserName=name("ghost"))
    assert_error(err, "NoSuchEntity", 404)
    assert err.value.response["Error"]["Type"] == "Sender"
    with pytest.raises(ClientError) as err:
        iam.add_user_to_group(GroupName=name("nogroup"), UserName=name("nouser"))
    assert_error(err, "NoSuchEntity", 404)


def test_entity_already_exists_case_insensitively(iam, name):
    user = name("dup")
    iam.create_user(UserName=user)
    with pytest.raises(ClientError) as err:
        iam.create_user(UserName=user.upper(), Path="/other/")
    assert_error(err, "EntityAlreadyExists", 409)
    group = name("dupg")
    iam.create_group(GroupName=group)
    with pytest.raises(ClientError) as err:
        iam.create_group(GroupName=group)
    assert_error(err, "EntityAlreadyExists", 409)


def test_delete_conflict(iam, name):
    user = name("conflict")
    iam.create_user(UserName=user)
    iam.create_access_key(UserName=user)
    with pytest.raises(ClientError) as err:
        iam.delete_user(UserName=user)
    assert_error(err, "DeleteConflict", 409)


def test_limit_exceeded(iam, name):
    user = name("limits")
    iam.create_user(UserName=user)
    iam.create_access_key(UserName=user)
    iam.create_access_key(UserName=user)
    with pytest.raises(ClientError) as err:
        iam.create_access_key(UserName=user)
    assert_error(err, "LimitExceeded", 409)
    # An inline user policy is limited to 2,048 characters (whitespace not counted).
    big = allow("s3:GetObject", [f"arn:aws:s3:::a-bucket-with-a-rather-long-name-{i:03d}/*" for i in range(60)])
    with pytest.raises(ClientError) as err:
        iam.put_user_policy(UserName=user, PolicyName="Big", PolicyDocument=json.dumps(big))
    assert_error(err, "LimitExceeded", 409)


def test_malformed_policy_document(iam, name):
    user = name("malformed")
    iam.create_user(UserName=user)
    for bad in (
        "not json",
        json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}]}),
        json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}),
        json.dumps({"Version": "1999-01-01", "Statement": []}),
    ):
        with pytest.raises(ClientError) as err:
            iam.put_user_policy(UserName=user, PolicyName="Bad", PolicyDocument=bad)
        assert_error(err, "MalformedPolicyDocument", 400)
    with pytest.raises(ClientError) as err:
        iam.create_policy(PolicyName=name("BadManaged"), PolicyDocument="{}")
    assert_error(err, "MalformedPolicyDocument", 400)


def test_validation_errors(iam, name):
    # botocore checks lengths but not patterns, so these reach the server.
    with pytest.raises(ClientError) as err:
        iam.create_user(UserName="has space")
    assert_error(err, "ValidationError", 400)
    with pytest.raises(ClientError) as err:
        iam.create_user(UserName=name("path"), Path="no-slashes")
    assert_error(err, "ValidationError", 400)
    with pytest.raises(ClientError) as err:
        iam.list_users(PathPrefix="nope")
    assert_error(err, "ValidationError", 400)
    with pytest.raises(ClientError) as err:
        iam.update_access_key(UserName="admin", AccessKeyId="AKIAAAAAAAAAAAAAAAAA", Status="Sometimes")
    assert_error(err, "ValidationError", 400)


def test_missing_parameter(admin_keys):
    status, root, text = raw_request({"Action": "CreateUser"}, *admin_keys)
    assert status == 400, text
    assert xml_error_code(root) in ("MissingParameter", "ValidationError"), text


def test_error_response_xml_shape(admin_keys):
    status, root, text = raw_request({"Action": "GetUser", "UserName": "ghost-" + uuid.uuid4().hex[:6]}, *admin_keys)
    assert status == 404
    ns = "{https://iam.amazonaws.com/doc/2010-05-08/}"
    assert root.tag == f"{ns}ErrorResponse", text
    assert root.find(f"{ns}Error/{ns}Type").text == "Sender"
    assert root.find(f"{ns}Error/{ns}Code").text == "NoSuchEntity"
    assert root.find(f"{ns}Error/{ns}Message").text
    assert root.find(f"{ns}RequestId").text


# ----- SigV4 -----


def test_unknown_access_key_is_invalid_client_token_id():
    stranger = client("AKIA" + uuid.uuid4().hex[:16].upper(), "x" * 40)
    with pytest.raises(ClientError) as err:
        stranger.list_users()
    assert_error(err, "InvalidClientTokenId", 403)


def test_wrong_secret_is_signature_does_not_match(admin_keys):
    key_id, secret = admin_keys
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    with pytest.raises(ClientError) as err:
        client(key_id, wrong).list_users()
    assert_error(err, "SignatureDoesNotMatch", 403)


def test_unsigned_request_is_missing_authentication_token():
    anonymous = client("unused", "unused", config=Config(signature_version=botocore.UNSIGNED,
                                                         retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as err:
        anonymous.list_users()
    assert_error(err, "MissingAuthenticationToken", 403)
    plain = requests.post(ENDPOINT + "/", data={"Action": "ListUsers", "Version": "2010-05-08"})
    assert plain.status_code == 403
    assert "MissingAuthenticationToken" in plain.text


def test_tampered_body_fails_the_signature(admin_keys):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method="POST", url=ENDPOINT + "/", data={"Action": "ListUsers", "Version": "2010-05-08"},
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(*admin_keys), "iam", "us-east-1").add_auth(request)
    prepared = request.prepare()
    body = prepared.body + "&MaxItems=1" if isinstance(prepared.body, str) else prepared.body + b"&MaxItems=1"
    response = requests.post(prepared.url, headers=dict(prepared.headers), data=body)
    assert response.status_code == 403
    assert "SignatureDoesNotMatch" in response.text


def test_signature_outside_15_minutes_is_refused(admin_keys):
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    status, root, text = raw_request({"Action": "GetUser"}, *admin_keys, signed_at=now - datetime.timedelta(minutes=5))
    assert status == 200, text  # small skew is fine
    for skew in (datetime.timedelta(minutes=20), -datetime.timedelta(minutes=20)):
        status, root, text = raw_request({"Action": "GetUser"}, *admin_keys, signed_at=now - skew)
        assert status == 403, text
        # AWS answers `SignatureDoesNotMatch` ("Signature expired: … is now earlier than …") for IAM.
        assert xml_error_code(root) in ("SignatureDoesNotMatch", "RequestExpired"), text


def test_presigned_get(admin_keys):
    status, root, text = raw_request({"Action": "GetUser"}, *admin_keys, method="GET", presign=True)
    assert status == 200, text
    assert root.tag.endswith("GetUserResponse")


def test_any_region_signs(iam, admin_keys):
    for region in ("eu-west-1", "ap-southeast-2"):
        assert client(*admin_keys, region=region).get_user()["User"]["UserName"]


def test_inactive_and_deleted_keys_are_rejected(iam, user_with_keys):
    user, as_user, key_id = user_with_keys("inactive", policy=allow("iam:GetUser", "*"))
    assert as_user.get_user()["User"]["UserName"] == user
    iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")
    with pytest.raises(ClientError) as err:
        as_user.get_user()
    assert_error(err, "InvalidClientTokenId", 403)
    iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Active")
    assert as_user.get_user()["User"]["UserName"] == user
    iam.delete_access_key(UserName=user, AccessKeyId=key_id)
    with pytest.raises(ClientError) as err:
        as_user.get_user()
    assert_error(err, "InvalidClientTokenId", 403)


def test_a_new_user_has_no_permissions(user_with_keys):
    user, as_user, _ = user_with_keys("nobody")
    for call in (lambda: as_user.list_users(), lambda: as_user.get_user(UserName=user),
                 lambda: as_user.list_access_keys()):
        with pytest.raises(ClientError) as err:
            call()
        assert_error(err, "AccessDenied", 403)
