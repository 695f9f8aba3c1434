"use client";

import { useId, useLayoutEffect, useRef } from "react";

/**
 * Gives focus back to whatever had it when a dialog opened. Radix returns focus only to a
 * DialogTrigger; dialogs opened by a shortcut or by state (no trigger) would leave focus on
 * <body>, and a keyboard user would start over from the top of the page. The opener is taken
 * from the focus event that first enters the dialog (its relatedTarget), which also works when a
 * field inside takes focus with autoFocus. Falls back to Radix's own behaviour when the opener is
 * gone (e.g. the row that was just decided).
 */
export function useReturnFocus(props: { onCloseAutoFocus?: (event: Event) => void }) {
  const id = useId();
  const opener = useRef<HTMLElement | null>(null);
  const entered = useRef(false); // only the first focus into the dialog names the opener (not a closing popover inside)

  // A layout effect: registered before a dialog that mounts already open moves focus inside.
  useLayoutEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const content = event.target instanceof Element ? event.target.closest(`[data-return-focus="${CSS.escape(id)}"]`) : null;
      if (!content || entered.current) return;
      entered.current = true;
      const from = event.relatedTarget;
      opener.current = from instanceof HTMLElement && !content.contains(from) ? from : null;
    };
    document.addEventListener("focusin", onFocusIn, true);
    return () => document.removeEventListener("focusin", onFocusIn, true);
  }, [id]);

  return {
    "data-return-focus": id,
    onCloseAutoFocus: (event: Event) => {
      props.onCloseAutoFocus?.(event);
      const target = opener.current;
      opener.current = null;
      entered.current = false;
      if (event.defaultPrevented || !target?.isConnected) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
    },
  };
}
