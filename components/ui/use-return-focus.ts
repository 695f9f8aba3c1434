"use client";

import { useRef } from "react";

type AutoFocusHandler = (event: Event) => void;

/**
 * Gives focus back to whatever had it when a dialog opened. Radix returns focus only to a
 * DialogTrigger; dialogs opened by a shortcut or by state (no trigger) would leave focus on
 * <body>, and a keyboard user would start over from the top of the page. Falls back to Radix's
 * own behaviour when that element is gone (e.g. the row that was just decided).
 */
export function useReturnFocus(props: { onOpenAutoFocus?: AutoFocusHandler; onCloseAutoFocus?: AutoFocusHandler }) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: (event: Event) => {
      // Runs before focus moves into the dialog: activeElement is still the opener.
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      props.onOpenAutoFocus?.(event);
    },
    onCloseAutoFocus: (event: Event) => {
      props.onCloseAutoFocus?.(event);
      const target = opener.current;
      opener.current = null;
      if (event.defaultPrevented || !target?.isConnected) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
    },
  };
}
