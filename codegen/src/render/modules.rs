//! Which module of the generated file each declaration goes in: one module per
//! operation (its request, its response and the types no other operation
//! reaches) and one for the types several operations share. rustc gives each
//! module codegen units of its own, so after a WSDL edit it recompiles the
//! modules the edit touched rather than every generated impl.

use crate::model::{Model, TypeDef};

/// A module of the generated file.
pub(super) struct Module {
    /// Its (private) name; its items are re-exported by a glob.
    pub name: String,
    /// What the module holds, for its doc comment.
    pub about: String,
    /// Indices in `Model::types`, in model order.
    pub types: Vec<usize>,
}

/// Who reaches a type from an operation's request or response.
#[derive(Clone, Copy, PartialEq)]
enum Owner {
    Nobody,
    One(usize),
    Several,
}

/// The shared module first (operations use its types), then one module per
/// operation that owns a type, in operation order. Every type is in exactly one.
pub(super) fn layout(model: &Model) -> Vec<Module> {
    let mut owners = vec![Owner::Nobody; model.types.len()];
    for (n, op) in model.operations.iter().enumerate() {
        let mut seen = vec![false; model.types.len()];
        let mut stack = vec![op.request, op.response];
        while let Some(i) = stack.pop() {
            if i >= seen.len() || std::mem::replace(&mut seen[i], true) {
                continue;
            }
            // `seen` keeps one operation from reaching a type twice, so a type
            // already owned is owned by another operation.
            owners[i] = match owners[i] {
                Owner::Nobody => Owner::One(n),
                Owner::One(_) | Owner::Several => Owner::Several,
            };
            if let TypeDef::Struct { fields, .. }
            | TypeDef::Choice {
                variants: fields, ..
            } = &model.types[i]
            {
                stack.extend(fields.iter().filter_map(|f| f.ty.named()));
            }
        }
    }
    let mut modules = vec![Module {
        name: "types".into(),
        about: "Types that several operations use, or none.".into(),
        types: Vec::new(),
    }];
    modules.extend(model.operations.iter().map(|op| Module {
        name: format!("op_{}", op.method.trim_start_matches("r#")),
        about: format!(
            "The operation `{}`: its request, its response and the types only it uses.",
            op.wire_name
        ),
        types: Vec::new(),
    }));
    for (i, owner) in owners.iter().enumerate() {
        let m = match owner {
            Owner::One(n) => n + 1,
            Owner::Nobody | Owner::Several => 0,
        };
        modules[m].types.push(i);
    }
    modules.retain(|m| !m.types.is_empty());
    modules
}
