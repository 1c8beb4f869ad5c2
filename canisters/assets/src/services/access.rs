//! Only the canister's controllers change what is served.

use canister_kit::CallContext;
use icto_shared::assets::AssetError;

pub fn require_controller(ctx: &CallContext) -> Result<(), AssetError> {
    if ctx.caller_is_controller { Ok(()) } else { Err(AssetError::NotController) }
}
