//! `#[canister_kit::update]` and `#[canister_kit::query]`: ic-cdk's endpoint attributes, with the
//! arguments decoded by `canister_kit::decode` (Candid decoding and skipping quotas) instead of
//! ic-cdk's default (skipping quota only). The Candid interface is unchanged: the method is declared to
//! `candid::export_service!` with its real argument types.
//!
//! Accepted options: `name = "..."` (the exported name) and, for queries, `composite = true`. Access
//! checks are not `guard = ...` strings but the first line of the service, returning a typed error.

use proc_macro::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{parse_macro_input, Expr, ExprLit, ItemFn, Lit, Meta, Token};

#[proc_macro_attribute]
pub fn update(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Update, attr, item)
}

#[proc_macro_attribute]
pub fn query(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Query, attr, item)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Update,
    Query,
}

fn expand(kind: Kind, attr: TokenStream, item: TokenStream) -> TokenStream {
    let options = parse_macro_input!(attr with Punctuated::<Meta, Token![,]>::parse_terminated);
    let function = parse_macro_input!(item as ItemFn);
    let mut rename: Option<String> = None;
    let mut composite = false;
    for option in &options {
        let Meta::NameValue(pair) = option else {
            return error(option, "expected `name = \"...\"` or `composite = true`");
        };
        match (pair.path.get_ident().map(|i| i.to_string()).as_deref(), &pair.value) {
            (Some("name"), Expr::Lit(ExprLit { lit: Lit::Str(name), .. })) => rename = Some(name.value()),
            (Some("composite"), Expr::Lit(ExprLit { lit: Lit::Bool(on), .. })) if kind == Kind::Query => {
                composite = on.value
            }
            _ => return error(option, "only `name = \"...\"` (and `composite = true` on queries) are accepted"),
        }
    }
    let cdk_attribute = match kind {
        Kind::Update => quote!(update),
        Kind::Query => quote!(query),
    };
    let candid_mode = match (kind, composite) {
        (Kind::Update, _) => quote!(update),
        (Kind::Query, false) => quote!(query),
        (Kind::Query, true) => quote!(composite_query),
    };
    let candid_rename = rename.as_ref().map(|name| quote!(, rename = #name));
    // ic-cdk hands a one-argument method the decoder's value itself, others a tuple.
    let decoder = if function.sig.inputs.len() == 1 { "::canister_kit::decode::arg" } else { "::canister_kit::decode::args" };
    let passed_on = options.iter();
    quote! {
        #[::ic_cdk::#cdk_attribute(#(#passed_on,)* hidden = true, decode_with = #decoder)]
        #[::candid::candid_method(#candid_mode #candid_rename)]
        #function
    }
    .into()
}

fn error(at: &impl quote::ToTokens, message: &str) -> TokenStream {
    syn::Error::new_spanned(at, message).to_compile_error().into()
}
