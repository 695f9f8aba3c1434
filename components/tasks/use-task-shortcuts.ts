"use client";

import { useEffect, useRef } from "react";

type Handlers = Partial<Record<"a" | "e" | "r" | "Escape", () => void>>;

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.getAttribute("role") === "combobox";
}

/**
 * Single-key shortcuts of the task page (a approve, e edit, r reject, Esc leave edit mode).
 * Off while typing, while a dialog or menu is open, and with modifier keys, so they never
 * steal a keystroke meant for something else. (j/k belong to the queue page.)
 */
export function useTaskShortcuts(handlers: Handlers, enabled: boolean) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.metaKey || e.ctrlKey || e.altKey || e.isComposing) return;
      if (
        document.querySelector(
          '[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"], [role="menu"], [role="listbox"]',
        )
      )
        return;
      const key = e.key === "Escape" ? "Escape" : e.key.toLowerCase();
      if (isTyping(e.target)) {
        // Esc in a field first leaves the field (like Linear); a second Esc leaves edit mode.
        if (key === "Escape") (e.target as HTMLElement).blur();
        return;
      }
      if (e.shiftKey) return;
      const handler = ref.current[key as keyof Handlers];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
