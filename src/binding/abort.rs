//! `AbortSignal` as the core's abort flag, its listener removed when the call ends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use napi::bindgen_prelude::{
    FnArgs, FromNapiValue, Function, JsObjectValue, Object, TypeName, ValidateNapiValue,
};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{sys, Env};

/// `(type, listener)` of `EventTarget.addEventListener` / `removeEventListener`.
type ListenerArgs<'a> = FnArgs<(&'a str, Function<'a, (), ()>)>;
/// `(this, type, listener)` of `Function.prototype.bind` on `removeEventListener`.
type BindArgs<'a> = FnArgs<(Object<'a>, &'a str, Function<'a, (), ()>)>;
/// `removeEventListener` bound to one signal and listener, callable from any thread; weak, so
/// it never keeps the process alive.
type DetachListener = ThreadsafeFunction<(), (), (), napi::Status, false, true>;

/// An `AbortSignal`, read on the JS thread when the call starts: a flag set by its `abort`
/// event, which the core checks between steps. The listener is removed when the call ends
/// (when the last [`ListenerGuard`] is dropped), so a signal reused across many calls does not
/// collect listeners.
pub struct AbortFlag(pub Arc<AtomicBool>, pub Arc<ListenerGuard>);

/// Removes the abort listener when dropped (queued to the JS thread, never blocking).
pub struct ListenerGuard(DetachListener);

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        self.0.call((), ThreadsafeFunctionCallMode::NonBlocking);
    }
}

impl TypeName for AbortFlag {
    fn type_name() -> &'static str {
        "AbortSignal"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Object
    }
}

impl ValidateNapiValue for AbortFlag {}

impl FromNapiValue for AbortFlag {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let signal = Object::from_napi_value(env, value)?;
        let flag = Arc::new(AtomicBool::new(
            signal
                .get_named_property::<bool>("aborted")
                .unwrap_or(false),
        ));
        let set = flag.clone();
        let env = Env::from_raw(env);
        let on_abort = env.create_function_from_closure::<(), (), _>("onAbort", move |_| {
            set.store(true, Ordering::Relaxed);
            Ok(())
        })?;
        let add_listener: Function<ListenerArgs, ()> =
            signal.get_named_property("addEventListener")?;
        let remove_listener: Function<ListenerArgs, ()> =
            signal.get_named_property("removeEventListener")?;
        let bind: Function<BindArgs, Function<(), ()>> =
            remove_listener.get_named_property("bind")?;
        let detach: DetachListener = bind
            .apply(remove_listener, (signal, "abort", on_abort).into())?
            .build_threadsafe_function::<()>()
            .callee_handled::<false>()
            .weak::<true>()
            .build()?;
        add_listener.apply(signal, ("abort", on_abort).into())?;
        Ok(AbortFlag(flag, Arc::new(ListenerGuard(detach))))
    }
}
