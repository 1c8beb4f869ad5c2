pub mod admin_link;
pub mod layout;
pub mod login_button;
pub mod transfer_form;
pub mod consent_message;
