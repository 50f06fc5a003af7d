//! Every sentence users read comes from `locales/<lang>/*.ftl`, looked up here.

use crate::domain::Lang;
use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid, static_loader};
use std::{borrow::Cow, collections::HashMap};

static_loader! {
    // Compiled into the binary, like the default catalog: nothing to deploy beside it.
    static LOCALES = {
        locales: "./locales",
        fallback_language: "es",
        // Telegram shows Unicode isolation marks as stray characters.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn id(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Es => langid!("es"),
        Lang::En => langid!("en"),
    }
}

/// A message without arguments.
pub fn t(lang: Lang, key: &str) -> String {
    tr(lang, key, &[])
}

/// A message with named arguments. A missing key shows the key itself (and a
/// test keeps every key present in every language).
pub fn tr(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
        args.iter().map(|(k, v)| (Cow::Borrowed(*k), v.clone())).collect();
    LOCALES.try_lookup_complete(&id(lang), key, Some(&args)).unwrap_or_else(|| {
        tracing::warn!(key, lang = lang.code(), "missing locale key");
        key.to_string()
    })
}

/// Builds a Fluent argument from anything Fluent understands.
pub fn arg<T: Into<FluentValue<'static>>>(
    name: &'static str,
    value: T,
) -> (&'static str, FluentValue<'static>) {
    (name, value.into())
}
