//! Virtual MFA devices: parameters → `IamService` → botocore's `VirtualMFADevice` and `MFADevice` shapes. Devices are
//! named by their serial number, which is the device ARN, passed to the service as sent.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::mfa::{AssignmentStatus, VirtualMfaDeviceView};
use app::model::{IamPath, MfaDeviceName, UserName};
use base64::Engine as _;

use super::dispatch::Outcome;
use super::error::WireError;
use super::params::Params;
use super::users::user;
use super::xml::Xml;

/// botocore's `BootstrapDatum` is a blob, which the Query protocol sends base64-encoded.
fn blob(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The seed and the QR code (a PNG, as AWS sends it), once.
pub async fn create_virtual_mfa_device(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    if p.has_list("Tags") {
        return Err(WireError::invalid_parameter_value("`Tags`: tags on MFA devices are not supported".into()));
    }
    let name = p.required_as("VirtualMFADeviceName", MfaDeviceName::parse)?;
    let created = iam.create_virtual_mfa_device(call, name, IamPath::parse_or_root(p.optional("Path"))?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("VirtualMFADevice", |d| {
            d.text("SerialNumber", &created.serial_number)
                .text("Base32StringSeed", &blob(created.base32_string_seed.as_bytes()))
                .text("QRCodePNG", &blob(&created.qr_code_png));
        });
    })))
}

/// The two codes and the serial number, as every device operation takes them.
struct Codes<'a> {
    serial: &'a str,
    code1: &'a str,
    code2: &'a str,
}

fn codes(p: &Params) -> Result<Codes<'_>, WireError> {
    Ok(Codes {
        serial: p.required("SerialNumber")?,
        code1: p.required("AuthenticationCode1")?,
        code2: p.required("AuthenticationCode2")?,
    })
}

/// botocore requires `UserName`; without it the service acts on the caller (how the root enables its own device).
pub async fn enable_mfa_device(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.optional_as("UserName", UserName::parse)?;
    let c = codes(p)?;
    iam.enable_mfa_device(call, user, c.serial, c.code1, c.code2).await?;
    Ok(None)
}

pub async fn resync_mfa_device(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.optional_as("UserName", UserName::parse)?;
    let c = codes(p)?;
    iam.resync_mfa_device(call, user, c.serial, c.code1, c.code2).await?;
    Ok(None)
}

pub async fn deactivate_mfa_device(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.optional_as("UserName", UserName::parse)?;
    iam.deactivate_mfa_device(call, user, p.required("SerialNumber")?).await?;
    Ok(None)
}

pub async fn delete_virtual_mfa_device(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_virtual_mfa_device(call, p.required("SerialNumber")?).await?;
    Ok(None)
}

/// At most eight devices per user: one page, never truncated.
pub async fn list_mfa_devices(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let devices = iam.list_mfa_devices(call, p.optional_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("MFADevices", &devices, |e, d| {
            e.text("UserName", &d.user_name).text("SerialNumber", &d.serial_number).text("EnableDate", &d.enable_date);
        })
        .page_end(false, None);
    })))
}

fn virtual_device(x: &mut Xml, d: &VirtualMfaDeviceView) {
    x.text("SerialNumber", &d.serial_number);
    if let Some(u) = &d.user {
        x.element("User", |e| user(e, u));
    }
    x.optional("EnableDate", d.enable_date.as_deref());
}

pub async fn list_virtual_mfa_devices(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let status = p.optional_as("AssignmentStatus", AssignmentStatus::parse)?.unwrap_or(AssignmentStatus::Any);
    let page = iam.list_virtual_mfa_devices(call, status, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("VirtualMFADevices", &page.items, virtual_device).page_end(page.is_truncated, page.marker.as_deref());
    })))
}
