//! `operation!` and `service!`: how generated code declares an operation (its
//! [`Operation`](crate::Operation) impl, from the same fields as
//! [`OperationMeta`](crate::OperationMeta)) and a service (the operation
//! registry, the server trait and its dispatcher), one line a fact.

/// Implements [`Operation`](crate::Operation) for a request type, and
/// [`HasResult`](crate::HasResult) for its response when it has a result field.
///
/// The keys up to `secrets` are [`OperationMeta`](crate::OperationMeta)'s; the
/// optional ones after it, in this order: `request_fields` (the
/// [`FieldInfo`](crate::FieldInfo) rows), `retry_safe`, `cli_aliases`,
/// `headers` (header fields filled from the client's defaults), `result` (the
/// result field and its enum, with the values meaning "session expired"),
/// `auth_code` (the per-call credential field).
#[macro_export]
macro_rules! operation {
    (
        impl Operation for $req:ident {
            type Response = $resp:ident;
            name: $name:literal,
            namespace: $ns:literal,
            request_element: $rq:literal,
            response_element: $rs:literal,
            soap11_action: $a11:expr,
            soap12_action: $a12:expr,
            doc: $doc:literal,
            pace: $pace:expr,
            secrets: $secrets:expr,
            $(request_fields: [$($fi:expr),* $(,)?],)?
            $(retry_safe: $retry:literal,)?
            $(cli_aliases: [$($alias:literal),* $(,)?],)?
            $(headers: [$($hf:ident: $hty:ty),* $(,)?],)?
            $(result: $rf:ident: $code:ident $(, session_expired: [$($expired:ident)|+])?,)?
            $(auth_code: $auth:ident,)?
        }
    ) => {
        impl $crate::Operation for $req {
            type Response = $resp;
            const META: $crate::OperationMeta = $crate::OperationMeta {
                name: $name,
                namespace: $ns,
                request_element: $rq,
                response_element: $rs,
                soap11_action: $a11,
                soap12_action: $a12,
                doc: $doc,
                pace: $pace,
                secrets: $secrets,
            };
            $(const REQUEST_FIELDS: &'static [$crate::FieldInfo] = &[$($fi),*];)?
            $(const RETRY_SAFE: bool = $retry;)?
            $(const CLI_ALIASES: &'static [&'static str] = &[$($alias),*];)?
            $(
                fn fill_headers(&mut self, defaults: &$crate::HeaderDefaults) {
                    $(if self.$hf.is_none() {
                        self.$hf = defaults.get::<$hty>();
                    })*
                }
            )?
            $(
                fn result_wire(response: &Self::Response) -> ::core::option::Option<&str> {
                    ::core::option::Option::Some(response.$rf.as_str())
                }
                $(
                    fn session_expired(response: &Self::Response) -> bool {
                        matches!(response.$rf, $($code::$expired)|+)
                    }
                )?
            )?
            $(
                fn auth_code_mut(&mut self) -> ::core::option::Option<&mut ::core::option::Option<$crate::Secret>> {
                    ::core::option::Option::Some(&mut self.$auth)
                }
            )?
        }
        $(
            impl $crate::HasResult for $resp {
                type Code = $code;
                fn result(&self) -> &$code {
                    &self.$rf
                }
            }
        )?
    };
}

/// Declares a service from its operations: `OPERATIONS` (the registry),
/// `for_each_operation`, the server trait (one method per operation) and
/// `dispatch`, which reads a request envelope, calls the method its body element
/// names and writes the answer.
#[macro_export]
macro_rules! service {
    (
        $(#[$meta:meta])*
        $vis:vis trait $name:ident {
            $(
                $(#[$mmeta:meta])*
                fn $method:ident($req:ty) -> $resp:ty;
            )*
        }
    ) => {
        /// Every operation of the service in WSDL order: names, actions, docs,
        /// pacing, and type-erased encode/decode entry points.
        $vis static OPERATIONS: &[$crate::OperationEntry] = &[$($crate::OperationEntry::of::<$req>()),*];

        /// Calls `visitor` with every operation's request type, in WSDL order.
        $vis fn for_each_operation(visitor: &mut impl $crate::OperationVisitor) {
            let _ = &visitor;
            $(visitor.visit::<$req>();)*
        }

        $(#[$meta])*
        $vis trait $name: ::core::marker::Sync {
            $(
                $(#[$mmeta])*
                fn $method(
                    &self,
                    ctx: &mut $crate::ServerContext,
                    request: $req,
                ) -> impl $crate::Reply<$resp>;
            )*
        }

        /// Reads a request envelope of `ctx.version`, calls the method its body
        /// element names, and returns the response envelope.
        $vis async fn dispatch<S: $name>(
            service: &S,
            ctx: &mut $crate::ServerContext,
            body: &[u8],
        ) -> ::core::result::Result<::std::string::String, $crate::DispatchError> {
            let _ = &service;
            let (namespace, element) = $crate::body_element(body, ctx.version)?;
            $(
                let meta = &<$req as $crate::Operation>::META;
                if namespace == meta.namespace && element == meta.request_element {
                    let request = $crate::read_request::<$req>(body, ctx)?;
                    return $crate::write_response::<$req>(&service.$method(ctx, request).await?, ctx);
                }
            )*
            Err($crate::DispatchError::UnknownOperation { namespace, element })
        }
    };
}
