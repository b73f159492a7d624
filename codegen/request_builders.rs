//! Keeps progenitor's struct builders (`types::X::builder()`, `types::builder::X`) only for the
//! types a caller sends: request bodies and the types inside them.
//!
//! progenitor's builder interface gives every generated type a builder. Those of response types
//! (files, folders, usage, ...) are never written by a caller, yet they were a quarter of the
//! crate's machine code and a good part of its compile time in a user's clean build.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Item, ItemMod};

/// Drops the builders of every type that no request body reaches.
pub fn keep_request_builders(file: &mut syn::File) -> Result<(), String> {
    let mut roots = BTreeSet::new();
    for item in &file.items {
        if !is_mod(item, "types") {
            builder_paths(item.to_token_stream(), &mut Vec::new(), &mut roots);
        }
    }
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
        .ok_or("the generated client has no `types` module")?;
    let keep = reached_from(&roots, types);

    let builders = types
        .iter_mut()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "builder" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
        .ok_or("the generated `types` module has no `builder` module")?;
    for root in &roots {
        if !builders
            .iter()
            .any(|item| matches!(item, Item::Struct(s) if s.ident == root))
        {
            return Err(format!(
                "a request body's builder, `{root}`, was not generated"
            ));
        }
    }
    builders.retain(|item| subject(item).is_none_or(|name| keep.contains(&name)));

    // `X::builder()` of a dropped builder, and an inherent block it leaves empty.
    types.retain_mut(|item| {
        let Item::Impl(block) = item else { return true };
        if block.trait_.is_some() || impl_subject(block).is_none_or(|n| keep.contains(&n)) {
            return true;
        }
        block
            .items
            .retain(|i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "builder"));
        !block.items.is_empty()
    });
    Ok(())
}

fn is_mod(item: &Item, name: &str) -> bool {
    matches!(item, Item::Mod(ItemMod { ident, .. }) if ident == name)
}

/// The `X` of every `types::builder::X` in `tokens`: the bodies the operation builders hold.
fn builder_paths(tokens: TokenStream, path: &mut Vec<String>, found: &mut BTreeSet<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => builder_paths(group.stream(), &mut Vec::new(), found),
            TokenTree::Ident(ident) => {
                path.push(ident.to_string());
                if let [.., a, b, x] = path.as_slice()
                    && a == "types"
                    && b == "builder"
                {
                    found.insert(x.clone());
                }
            }
            TokenTree::Punct(p) if p.as_char() == ':' => {}
            TokenTree::Punct(_) | TokenTree::Literal(_) => path.clear(),
        }
    }
}

/// `roots` and every type their definitions name, transitively.
fn reached_from(roots: &BTreeSet<String>, types: &[Item]) -> BTreeSet<String> {
    let defined: BTreeMap<String, TokenStream> = types
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some((s.ident.to_string(), s.to_token_stream())),
            Item::Enum(e) => Some((e.ident.to_string(), e.to_token_stream())),
            _ => None,
        })
        .collect();
    let mut keep = BTreeSet::new();
    let mut todo: Vec<String> = roots.iter().cloned().collect();
    while let Some(name) = todo.pop() {
        if !keep.insert(name.clone()) {
            continue;
        }
        if let Some(tokens) = defined.get(&name) {
            let mut named = BTreeSet::new();
            idents(tokens.clone(), &mut named);
            todo.extend(named.into_iter().filter(|n| defined.contains_key(n)));
        }
    }
    keep
}

fn idents(tokens: TokenStream, found: &mut BTreeSet<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => idents(group.stream(), found),
            TokenTree::Ident(ident) => {
                found.insert(ident.to_string());
            }
            _ => {}
        }
    }
}

/// The type a builder item is about: the struct itself, or the `Self` type of an impl.
fn subject(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Impl(block) => impl_subject(block),
        _ => None,
    }
}

fn impl_subject(block: &syn::ItemImpl) -> Option<String> {
    match &*block.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}
