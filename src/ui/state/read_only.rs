//! Read-only handles: how pages see the state's signals, and the on-demand cell for what is
//! read the first time a page asks rather than at start.

use leptos::prelude::*;

/// Stored data as pages see it: readable, tracked or not, but never set. Changes go through
/// the state's methods that save them. (A handle to the state's own signal, so reading it
/// allocates nothing.)
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    pub(super) fn of(signal: RwSignal<T>) -> ReadOnly<T> {
        ReadOnly(signal)
    }

    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with(read)
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(read)
    }

    /// Makes the running effect or memo depend on it, without reading it.
    pub fn track(&self) {
        self.0.track();
    }
}

impl<T: Clone + Send + Sync + 'static> ReadOnly<T> {
    pub fn get(&self) -> T {
        self.0.get()
    }

    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }
}

/// Something read (from storage or the bundled files) the first time a page asks for it,
/// not at start, so the code that reads it loads with that page instead of the start page.
pub(super) struct OnDemand<T: Send + Sync + 'static> {
    value: RwSignal<T>,
    read: StoredValue<bool>,
}

// Signals are handles, so this is `Copy` whatever `T` is (a derive would require `T: Copy`).
impl<T: Send + Sync + 'static> Clone for OnDemand<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for OnDemand<T> {}

impl<T: Default + Send + Sync + 'static> OnDemand<T> {
    pub(super) fn new() -> Self {
        OnDemand {
            value: RwSignal::new(T::default()),
            read: StoredValue::new(false),
        }
    }

    /// The value, reading it first with `read` if no page has asked since start or since
    /// another tab's change.
    pub(super) fn get_or_read(&self, read: impl FnOnce() -> T) -> RwSignal<T> {
        if !self.read.get_value() {
            self.read.set_value(true);
            let value = read();
            // Untracked: every reader asks through here first, so none has seen the value
            // before this; after another tab's change, `stale` has told them to ask again.
            self.value.update_untracked(|current| *current = value);
        }
        self.value
    }

    /// Marks the value as read (after a change made here, or deleting everything).
    pub(super) fn set(&self, value: T) {
        self.read.set_value(true);
        self.value.set(value);
    }

    /// Forgets what was read, after another tab's change: readers are told, and read again.
    pub(super) fn stale(&self) {
        if self.read.get_value() {
            self.read.set_value(false);
            self.value.notify();
        }
    }
}
