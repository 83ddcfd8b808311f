//! Types that cross the wire between the browser and the server, each parsed once at the edge so that the rest of
//! the code handles only valid values.

mod account;
mod console;
pub mod dashboard;
pub mod effective_permissions;
pub mod credentials;
mod error;
mod iam;
pub mod mfa;
mod names;
pub mod passwords;
pub mod paths;
pub mod permissions;
pub mod policies;
pub mod policy_editing;
pub mod policy_templates;
pub mod reports;
pub mod simulator;
mod secret;
mod session;
pub mod sign_in;
pub mod user_detail;
pub mod who_can;

pub use account::{AccountAlias, AccountId, AccountView, Email};
pub use console::{ConsoleState, DashboardView, ERROR_FROM_PARAM, ERROR_PARAM};
pub use error::IamError;
pub use iam::{GroupView, GroupWithMembers, InlinePolicyView, Page, PageRequest, Tag, UserView};
pub use names::{GroupName, IamPath, MfaDeviceName, PathPrefix, PolicyName, UserName};
pub use secret::Password;
pub use session::{PrincipalKind, SessionView};
