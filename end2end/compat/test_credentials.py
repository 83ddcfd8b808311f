"""Access keys (and their last use), login profiles, ChangePassword as the user, the account password policy, and
virtual MFA devices with TOTP codes computed here from the returned seed."""

import datetime

import pytest

from iamcompat import ClientError, allow, assert_error, client, time_step, totp

STRONG = "Str0ng-Passw0rd!1"


def test_access_keys_lifecycle_and_last_used(iam, name):
    user = name("keys")
    iam.create_user(UserName=user)
    first = iam.create_access_key(UserName=user)["AccessKey"]
    second = iam.create_access_key(UserName=user)["AccessKey"]
    assert first["AccessKeyId"] != second["AccessKeyId"]
    assert isinstance(first["CreateDate"], datetime.datetime)
    listed = iam.list_access_keys(UserName=user)
    assert sorted(k["AccessKeyId"] for k in listed["AccessKeyMetadata"]) == sorted(
        [first["AccessKeyId"], second["AccessKeyId"]]
    )
    assert all("SecretAccessKey" not in k for k in listed["AccessKeyMetadata"])  # the secret is shown once
    assert all(k["Status"] == "Active" and k["UserName"] == user for k in listed["AccessKeyMetadata"])
    assert listed["IsTruncated"] is False

    # Two keys at most (inactive keys count).
    iam.update_access_key(UserName=user, AccessKeyId=second["AccessKeyId"], Status="Inactive")
    with pytest.raises(ClientError) as full:
        iam.create_access_key(UserName=user)
    assert_error(full, "LimitExceeded", 409)
    statuses = {k["AccessKeyId"]: k["Status"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}
    assert statuses[second["AccessKeyId"]] == "Inactive"

    # Never used: no date, N/A service and region.
    unused = iam.get_access_key_last_used(AccessKeyId=first["AccessKeyId"])
    assert unused["UserName"] == user
    assert unused["AccessKeyLastUsed"]["ServiceName"] == "N/A"
    assert unused["AccessKeyLastUsed"]["Region"] == "N/A"
    assert "LastUsedDate" not in unused["AccessKeyLastUsed"]

    # Used once (even a refused call is a use of the key): date, service `iam`, the client's region.
    as_user = client(first["AccessKeyId"], first["SecretAccessKey"], region="eu-west-1")
    with pytest.raises(ClientError):
        as_user.list_users()
    used = iam.get_access_key_last_used(AccessKeyId=first["AccessKeyId"])["AccessKeyLastUsed"]
    assert used["ServiceName"] == "iam"
    assert used["Region"] == "eu-west-1"
    assert isinstance(used["LastUsedDate"], datetime.datetime)

    iam.delete_access_key(UserName=user, AccessKeyId=second["AccessKeyId"])
    assert [k["AccessKeyId"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]] == [
        first["AccessKeyId"]
    ]
    with pytest.raises(ClientError) as gone:
        iam.delete_access_key(UserName=user, AccessKeyId=second["AccessKeyId"])
    assert_error(gone, "NoSuchEntity", 404)
    # A user with keys cannot be deleted.
    with pytest.raises(ClientError) as conflict:
        iam.delete_user(UserName=user)
    assert_error(conflict, "DeleteConflict", 409)


def test_a_user_manages_their_own_keys_without_naming_themselves(user_with_keys):
    own = allow(["iam:ListAccessKeys", "iam:CreateAccessKey", "iam:DeleteAccessKey"], "arn:aws:iam::*:user/${aws:username}")
    user, as_user, key_id = user_with_keys("self", policy=own)
    mine = as_user.list_access_keys()["AccessKeyMetadata"]  # no UserName: the caller's own keys
    assert [k["AccessKeyId"] for k in mine] == [key_id]
    assert mine[0]["UserName"] == user
    extra = as_user.create_access_key()["AccessKey"]
    assert extra["UserName"] == user
    as_user.delete_access_key(AccessKeyId=extra["AccessKeyId"])


def test_login_profile_lifecycle(iam, name):
    user = name("console")
    iam.create_user(UserName=user)
    with pytest.raises(ClientError) as none_yet:
        iam.get_login_profile(UserName=user)
    assert_error(none_yet, "NoSuchEntity", 404)
    created = iam.create_login_profile(UserName=user, Password=STRONG, PasswordResetRequired=True)["LoginProfile"]
    assert created["UserName"] == user
    assert created["PasswordResetRequired"] is True
    assert isinstance(created["CreateDate"], datetime.datetime)
    with pytest.raises(ClientError) as twice:
        iam.create_login_profile(UserName=user, Password=STRONG)
    assert_error(twice, "EntityAlreadyExists", 409)
    got = iam.get_login_profile(UserName=user)["LoginProfile"]
    assert got["PasswordResetRequired"] is True
    iam.update_login_profile(UserName=user, Password="An0ther-Passw0rd!", PasswordResetRequired=False)
    assert iam.get_login_profile(UserName=user)["LoginProfile"]["PasswordResetRequired"] is False
    # A user with a console password cannot be deleted.
    with pytest.raises(ClientError) as conflict:
        iam.delete_user(UserName=user)
    assert_error(conflict, "DeleteConflict", 409)
    iam.delete_login_profile(UserName=user)
    with pytest.raises(ClientError) as gone:
        iam.get_login_profile(UserName=user)
    assert_error(gone, "NoSuchEntity", 404)
    iam.delete_user(UserName=user)


def test_change_password_as_the_user(iam, user_with_keys):
    own = allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}")
    user, as_user, _ = user_with_keys("chpw", policy=own)
    iam.create_login_profile(UserName=user, Password=STRONG)
    with pytest.raises(ClientError) as wrong:
        as_user.change_password(OldPassword="Not-The-Passw0rd!", NewPassword="N3w-Passw0rd!!")
    # AWS documents no code for a wrong old password; in practice it is a 403 AccessDenied.
    assert_error(wrong, "AccessDenied", 403)
    as_user.change_password(OldPassword=STRONG, NewPassword="N3w-Passw0rd!!")
    # The old password no longer proves anything.
    with pytest.raises(ClientError):
        as_user.change_password(OldPassword=STRONG, NewPassword="Th1rd-Passw0rd!!")
    as_user.change_password(OldPassword="N3w-Passw0rd!!", NewPassword="Th1rd-Passw0rd!!")

    # Without the permission (and no password policy allowing it), a user may not change their password.
    iam.delete_user_policy(UserName=user, PolicyName="p")
    with pytest.raises(ClientError) as denied:
        as_user.change_password(OldPassword="Th1rd-Passw0rd!!", NewPassword="F0urth-Passw0rd!!")
    assert_error(denied, "AccessDenied", 403)


def test_account_password_policy(iam, name):
    try:
        iam.update_account_password_policy(
            MinimumPasswordLength=14,
            RequireSymbols=True,
            RequireNumbers=True,
            RequireUppercaseCharacters=True,
            RequireLowercaseCharacters=True,
            AllowUsersToChangePassword=True,
            MaxPasswordAge=90,
            PasswordReusePrevention=5,
            HardExpiry=False,
        )
        policy = iam.get_account_password_policy()["PasswordPolicy"]
        assert policy["MinimumPasswordLength"] == 14
        assert policy["RequireSymbols"] is True and policy["RequireNumbers"] is True
        assert policy["RequireUppercaseCharacters"] is True and policy["RequireLowercaseCharacters"] is True
        assert policy["AllowUsersToChangePassword"] is True
        assert policy["ExpirePasswords"] is True
        assert policy["MaxPasswordAge"] == 90
        assert policy["PasswordReusePrevention"] == 5

        user = name("pw")
        iam.create_user(UserName=user)
        with pytest.raises(ClientError) as short:
            iam.create_login_profile(UserName=user, Password="Sh0rt!x")
        assert_error(short, "PasswordPolicyViolation", 400)
        iam.create_login_profile(UserName=user, Password="L0ng-Enough-Passw0rd!")

        # AllowUsersToChangePassword lets a user without any policy change their own password.
        key = iam.create_access_key(UserName=user)["AccessKey"]
        as_user = client(key["AccessKeyId"], key["SecretAccessKey"])
        as_user.change_password(OldPassword="L0ng-Enough-Passw0rd!", NewPassword="An0ther-L0ng-Passw0rd!")
        with pytest.raises(ClientError) as reused:
            as_user.change_password(OldPassword="An0ther-L0ng-Passw0rd!", NewPassword="L0ng-Enough-Passw0rd!")
        assert_error(reused, "PasswordPolicyViolation", 400)

        with pytest.raises(ClientError) as invalid:
            iam.update_account_password_policy(MinimumPasswordLength=200)
        assert invalid.value.response["Error"]["Code"] in ("ValidationError", "InvalidInput")
    finally:
        iam.delete_account_password_policy()
    with pytest.raises(ClientError) as gone:
        iam.get_account_password_policy()
    assert_error(gone, "NoSuchEntity", 404)


def test_virtual_mfa_device_with_totp(iam, name, account_id):
    user, device = name("mfa"), name("phone")
    iam.create_user(UserName=user)
    created = iam.create_virtual_mfa_device(VirtualMFADeviceName=device, Path="/")["VirtualMFADevice"]
    serial = created["SerialNumber"]
    assert serial == f"arn:aws:iam::{account_id}:mfa/{device}"
    seed = created["Base32StringSeed"]  # a blob: base64 on the wire, bytes in boto3 (the Base32 text)
    assert isinstance(seed, bytes)
    seed = seed.decode("ascii")
    assert len(seed) >= 32 and seed.rstrip("=").isalnum()

    unassigned = iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned")["VirtualMFADevices"]
    assert serial in [d["SerialNumber"] for d in unassigned]

    now = time_step()
    with pytest.raises(ClientError) as wrong:
        iam.enable_mfa_device(UserName=user, SerialNumber=serial, AuthenticationCode1="000000",
                              AuthenticationCode2="000000")
    assert_error(wrong, "InvalidAuthenticationCode", 403)
    iam.enable_mfa_device(
        UserName=user, SerialNumber=serial, AuthenticationCode1=totp(seed, now - 3), AuthenticationCode2=totp(seed, now - 2)
    )
    devices = iam.list_mfa_devices(UserName=user)["MFADevices"]
    assert [d["SerialNumber"] for d in devices] == [serial]
    assert devices[0]["UserName"] == user
    assigned = iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
    mine = [d for d in assigned if d["SerialNumber"] == serial]
    assert mine and mine[0]["User"]["UserName"] == user
    assert "Base32StringSeed" not in mine[0]  # the seed is shown once

    # The same codes never work twice; the next pair resyncs.
    with pytest.raises(ClientError) as replay:
        iam.resync_mfa_device(
            UserName=user, SerialNumber=serial, AuthenticationCode1=totp(seed, now - 3),
            AuthenticationCode2=totp(seed, now - 2),
        )
    assert_error(replay, "InvalidAuthenticationCode", 403)
    iam.resync_mfa_device(
        UserName=user, SerialNumber=serial, AuthenticationCode1=totp(seed, now - 1), AuthenticationCode2=totp(seed, now)
    )

    # An assigned device cannot be deleted; deactivate first.
    with pytest.raises(ClientError) as conflict:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert_error(conflict, "DeleteConflict", 409)
    iam.deactivate_mfa_device(UserName=user, SerialNumber=serial)
    assert iam.list_mfa_devices(UserName=user)["MFADevices"] == []
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    all_devices = iam.list_virtual_mfa_devices()["VirtualMFADevices"]
    assert serial not in [d["SerialNumber"] for d in all_devices]
    with pytest.raises(ClientError) as gone:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert_error(gone, "NoSuchEntity", 404)


def test_virtual_mfa_qr_code_is_a_png(iam, name):
    created = iam.create_virtual_mfa_device(VirtualMFADeviceName=name("qr"))["VirtualMFADevice"]
    try:
        # `QRCodePNG`: a PNG image (base64 on the wire) of the otpauth:// URI.
        assert created["QRCodePNG"].startswith(b"\x89PNG\r\n\x1a\n"), created["QRCodePNG"][:40]
    finally:
        iam.delete_virtual_mfa_device(SerialNumber=created["SerialNumber"])
