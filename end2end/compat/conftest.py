"""Fixtures for the compatibility suite: the real boto3 and `aws` CLI against a running server.

The server and its administrator come from the environment (scripts/compat.sh sets them up): IAM_ENDPOINT,
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (from `server bootstrap`), AWS_DEFAULT_REGION. Every test makes its own
uniquely named entities, so tests are independent of order and of each other.
"""

import json
import os
import uuid

import pytest

from iamcompat import client


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"${name} is not set: run the suite through scripts/compat.sh", returncode=2)
    return value


@pytest.fixture(scope="session")
def endpoint():
    return _env("IAM_ENDPOINT")


@pytest.fixture(scope="session")
def admin_keys():
    return _env("AWS_ACCESS_KEY_ID"), _env("AWS_SECRET_ACCESS_KEY")


@pytest.fixture(scope="session")
def iam(endpoint, admin_keys):
    """The bootstrapped administrator (inline `AdministratorAccess`: `*` on `*`)."""
    return client(*admin_keys)


@pytest.fixture(scope="session")
def account_id(iam):
    arn = iam.get_user()["User"]["Arn"]
    return arn.split(":")[4]


@pytest.fixture
def name():
    """A fresh name maker: name("jeff") -> "jeff-1a2b3c4d"."""
    suffix = uuid.uuid4().hex[:8]
    return lambda base: f"{base}-{suffix}"


@pytest.fixture
def user_with_keys(iam, name):
    """Creates a user with one access key; returns (user_name, client signing as that user, key id)."""

    def make(base="u", path="/", policy=None):
        user = name(base)
        iam.create_user(UserName=user, Path=path)
        if policy is not None:
            iam.put_user_policy(UserName=user, PolicyName="p", PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName=user)["AccessKey"]
        return user, client(key["AccessKeyId"], key["SecretAccessKey"]), key["AccessKeyId"]

    return make
