"""Helpers for the compatibility suite: clients, raw signed requests, error assertions, TOTP, the `aws` CLI."""

import base64
import hashlib
import hmac
import json
import os
import struct
import subprocess
import time
from unittest import mock
import xml.etree.ElementTree as ET

import boto3
import requests
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"


ENDPOINT = os.environ.get("IAM_ENDPOINT", "")
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
# No retries: a 5xx or a throttle must show up as a failure, not as a slow pass.
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)


def client(key_id, secret, region=None, config=None):
    """A boto3 IAM client signing with the given key."""
    return boto3.session.Session().client(
        "iam",
        endpoint_url=ENDPOINT,
        region_name=region or REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=config or CONFIG,
    )


def error_of(excinfo):
    """(code, HTTP status) of a ClientError."""
    err = excinfo.value
    return err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]


def assert_error(excinfo, code, status):
    got = error_of(excinfo)
    assert got == (code, status), f"expected {code} {status}, got {got}: {excinfo.value.response['Error']}"
    message = excinfo.value.response["Error"].get("Message", "")
    assert message, "AWS errors carry a message"


def allow(action, resource):
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}


def raw_request(params, key_id=None, secret=None, sign=True, method="POST", signed_at=None, presign=False):
    """One Query API request outside boto3 (for actions boto3 does not know, or broken signatures). Signed with
    botocore's own SigV4 signer (in the `Authorization` header, or presigned in the query string), optionally as if
    at another time. Returns (status, parsed XML root, text)."""
    body = dict(params)
    body.setdefault("Version", "2010-05-08")
    if method == "POST":
        request = AWSRequest(
            method="POST",
            url=ENDPOINT + "/",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
    else:
        request = AWSRequest(method="GET", url=ENDPOINT + "/", params=body)
    if sign:
        signer = (SigV4QueryAuth if presign else SigV4Auth)(Credentials(key_id, secret), "iam", REGION)
        if signed_at is None:
            signer.add_auth(request)
        else:
            with mock.patch("botocore.auth.get_current_datetime", lambda *_, **__: signed_at):
                signer.add_auth(request)
    prepared = request.prepare()
    response = requests.request(prepared.method, prepared.url, headers=dict(prepared.headers), data=prepared.body)
    root = ET.fromstring(response.content) if response.content.strip().startswith(b"<") else None
    return response.status_code, root, response.text


def xml_error_code(root):
    code = root.find(f"{NS}Error/{NS}Code")
    if code is None:
        code = root.find("Error/Code")
    return None if code is None else code.text


# ----- TOTP (RFC 6238: SHA-1, 6 digits, 30 s), from the Base32StringSeed CreateVirtualMFADevice returns -----


def totp(seed_base32, step):
    key = base64.b32decode(seed_base32 + "=" * (-len(seed_base32) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def time_step():
    return int(time.time()) // 30


# ----- the `aws` CLI -----


def aws(*args, keys=None, check=True):
    """Runs `aws iam …` with --endpoint-url and --output json; returns the parsed JSON (or None when empty)."""
    env = dict(os.environ)
    if keys is not None:
        env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = keys
    env.setdefault("AWS_DEFAULT_REGION", REGION)
    env["AWS_PAGER"] = ""
    env["AWS_MAX_ATTEMPTS"] = "1"
    command = ["aws", "--endpoint-url", ENDPOINT, "--output", "json", "iam", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    if check:
        assert done.returncode == 0, f"{' '.join(command)} failed ({done.returncode}): {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None
    return done
