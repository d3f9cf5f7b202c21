//! SOAP header values a client sends with every call whose operation declares
//! that header (a credential header, say), unless the call sets its own.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

/// Header values by their generated type.
#[derive(Clone, Default)]
pub struct HeaderDefaults(HashMap<TypeId, Arc<dyn Any + Send + Sync>>);

impl HeaderDefaults {
    /// Sends `header` with every call that has a header of its type and sets none.
    pub fn insert<H: Any + Clone + Send + Sync>(&mut self, header: H) {
        self.0.insert(TypeId::of::<H>(), Arc::new(header));
    }

    /// The value for header type `H`, if one was set.
    pub fn get<H: Any + Clone>(&self) -> Option<H> {
        self.0.get(&TypeId::of::<H>())?.downcast_ref::<H>().cloned()
    }

    /// Whether no header value is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for HeaderDefaults {
    /// Only how many: header values may hold credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HeaderDefaults({} set)", self.0.len())
    }
}
