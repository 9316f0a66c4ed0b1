//! The toast's state: what it says, whether it is held open, and a count that makes each copy new.

use std::rc::Rc;

use yew::Reducible;

/// What a share attempt ended as, and so what the toast says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The link is on the clipboard.
    Copied,
    /// Copying failed; the toast shows the link in a selected field to copy by hand.
    Failed {
        /// The link, to copy by hand.
        url: String,
    },
}

/// The toast: hidden when `notice` is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToastState {
    pub notice: Option<Notice>,
    /// Grows with every notice, so the same words twice are a new node and are announced again.
    pub serial: u32,
    pub hovered: bool,
    pub focused: bool,
}

pub enum ToastAction {
    Show(Notice),
    Dismiss,
    Hover(bool),
    Focus(bool),
}

impl ToastState {
    /// Whether the reader is over or inside the toast, which keeps it open.
    pub fn held(&self) -> bool {
        self.hovered || self.focused
    }
}

impl Reducible for ToastState {
    type Action = ToastAction;

    fn reduce(self: Rc<Self>, action: ToastAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ToastAction::Show(notice) => {
                next.notice = Some(notice);
                next.serial = next.serial.wrapping_add(1);
            }
            ToastAction::Dismiss => {
                next.notice = None;
                next.hovered = false;
                next.focused = false;
            }
            ToastAction::Hover(on) => next.hovered = on,
            ToastAction::Focus(on) => next.focused = on,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(state: ToastState, action: ToastAction) -> ToastState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn a_repeated_copy_is_a_new_notice() {
        let once = apply(ToastState::default(), ToastAction::Show(Notice::Copied));
        let twice = apply(once.clone(), ToastAction::Show(Notice::Copied));
        assert_eq!(twice.notice, Some(Notice::Copied));
        assert_ne!(once.serial, twice.serial);
    }

    #[test]
    fn hover_or_focus_holds_and_dismiss_clears() {
        let shown = apply(ToastState::default(), ToastAction::Show(Notice::Copied));
        let hovered = apply(shown, ToastAction::Hover(true));
        assert!(hovered.held());
        let focused = apply(
            apply(hovered, ToastAction::Hover(false)),
            ToastAction::Focus(true),
        );
        assert!(focused.held());
        let gone = apply(focused, ToastAction::Dismiss);
        assert_eq!(gone.notice, None);
        assert!(!gone.held());
    }
}
