//! Virtual MFA devices on the wire: the one-time result of creating a device (its seed, shown exactly once), the
//! devices of a user (`ListMFADevices`) and of the account (`ListVirtualMFADevices`). Never a seed after creation.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{IamError, UserView};

/// `CreateVirtualMFADevice`'s answer. The seed (as Base32, as an `otpauth://` URI and as its QR code) is returned
/// this once and never again, so `Debug` shows the serial number only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VirtualMfaCreated {
    /// The device ARN, `arn:aws:iam::<account>:mfa<path><name>`: what `EnableMFADevice` takes.
    pub serial_number: String,
    /// RFC 4648 Base32 without padding, for typing into an authenticator app.
    pub base32_string_seed: String,
    /// `otpauth://totp/…`, what the QR code encodes.
    pub otpauth_uri: String,
    /// An SVG QR code of [`Self::otpauth_uri`] for an authenticator app to scan.
    pub qr_code_svg: String,
    /// The same QR code as a PNG (the Query API's `QRCodePNG`).
    pub qr_code_png: Vec<u8>,
}

impl fmt::Debug for VirtualMfaCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VirtualMfaCreated")
            .field("serial_number", &self.serial_number)
            .field("base32_string_seed", &"<redacted>")
            .field("otpauth_uri", &"<redacted>")
            .field("qr_code_svg", &"<redacted>")
            .field("qr_code_png", &"<redacted>")
            .finish()
    }
}

/// The console's view of a just-created device: what the person needs to add it to an authenticator app (the
/// Base32 seed and an SVG QR code), shown during this one enrollment. `Debug` shows the serial number only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaEnrollment {
    /// Whose device this will be: the user's name as the console page gave it, empty for the signed-in principal.
    pub user_name: String,
    pub serial_number: String,
    pub base32_string_seed: String,
    /// The QR code of the `otpauth://` URI, as an SVG document rendered on the server.
    pub qr_code_svg: String,
}

impl fmt::Debug for MfaEnrollment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MfaEnrollment")
            .field("user_name", &self.user_name)
            .field("serial_number", &self.serial_number)
            .field("base32_string_seed", &"<redacted>")
            .field("qr_code_svg", &"<redacted>")
            .finish()
    }
}

/// One of a principal's enabled MFA devices (AWS's `MFADevice`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaDeviceView {
    /// The IAM user's name; empty for the account root (which has no user name, as in `GetUser`).
    pub user_name: String,
    pub serial_number: String,
    /// When the device was enabled (RFC 3339).
    pub enable_date: String,
}

/// A virtual MFA device of the account (AWS's `VirtualMFADevice` as `ListVirtualMFADevices` returns it, without the
/// seed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VirtualMfaDeviceView {
    pub serial_number: String,
    /// The principal the device is enabled for: an IAM user, or the root (empty user name, ARN `…:root`, user id =
    /// account id); `None` while unassigned.
    pub user: Option<UserView>,
    /// When the device was enabled (RFC 3339); `None` while unassigned.
    pub enable_date: Option<String>,
}

/// `ListVirtualMFADevices`' filter, AWS's `assignmentStatusType`. Absent means `Any`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentStatus {
    Assigned,
    Unassigned,
    #[default]
    Any,
}

impl AssignmentStatus {
    /// AWS's spelling, exactly (`Assigned`, `Unassigned`, `Any`).
    pub fn parse(value: &str) -> Result<Self, IamError> {
        match value {
            "Assigned" => Ok(Self::Assigned),
            "Unassigned" => Ok(Self::Unassigned),
            "Any" => Ok(Self::Any),
            other => Err(IamError::ValidationError(format!(
                "assignment status `{other}` must be one of `Assigned`, `Unassigned` or `Any`"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assigned => "Assigned",
            Self::Unassigned => "Unassigned",
            Self::Any => "Any",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_seed() {
        let created = VirtualMfaCreated {
            serial_number: "arn:aws:iam::123456789012:mfa/phone".into(),
            base32_string_seed: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(),
            otpauth_uri: "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(),
            qr_code_svg: "<svg/>".into(),
            qr_code_png: vec![0x89],
        };
        let shown = format!("{created:?}");
        assert!(!shown.contains("GEZDGNBV"), "{shown}");
        assert!(!shown.contains("<svg"), "{shown}");
        assert!(shown.contains("mfa/phone"), "{shown}");
    }

    #[test]
    fn enrollment_debug_never_shows_the_seed() {
        let enrollment = MfaEnrollment {
            user_name: "ann".into(),
            serial_number: "arn:aws:iam::123456789012:mfa/ann".into(),
            base32_string_seed: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(),
            qr_code_svg: "<svg/>".into(),
        };
        let shown = format!("{enrollment:?}");
        assert!(!shown.contains("GEZDGNBV"), "{shown}");
        assert!(!shown.contains("<svg"), "{shown}");
        assert!(shown.contains("mfa/ann"), "{shown}");
    }

    #[test]
    fn assignment_status_round_trips() {
        for s in [
            AssignmentStatus::Assigned,
            AssignmentStatus::Unassigned,
            AssignmentStatus::Any,
        ] {
            assert_eq!(AssignmentStatus::parse(s.as_str()), Ok(s));
        }
        assert_eq!(
            AssignmentStatus::parse("assigned").map_err(|e| e.code()),
            Err("ValidationError")
        );
    }
}
