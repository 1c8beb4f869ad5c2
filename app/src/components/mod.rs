pub mod admin_link;
pub mod layout;
pub mod login_button;
pub mod transfer_form;
pub mod consent_message;
pub mod copy_button;
pub mod qr_code;
pub mod transaction_history;
