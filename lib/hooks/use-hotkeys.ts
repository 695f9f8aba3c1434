"use client";

import { useEffect, useRef } from "react";

export type HotkeyMap = Record<string, (event: KeyboardEvent) => void>;

function isEditable(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return target.getAttribute("role") === "combobox";
}

/**
 * Single-key shortcuts (Linear/GitHub style) on the whole page: keys are `KeyboardEvent.key`
 * values ("j", "?", "Enter"). Ignored while typing, with Ctrl/Meta/Alt held, when disabled
 * (e.g. a dialog is open) and inside open menus.
 */
export function useHotkeys(map: HotkeyMap, enabled = true) {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isEditable(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('[role="menu"],[role="listbox"],[role="dialog"],[role="alertdialog"]'))
        return;
      const handler = latest.current[e.key];
      if (!handler) return;
      // Enter/Space on a focused control keep their native meaning.
      if ((e.key === "Enter" || e.key === " ") && e.target instanceof HTMLElement && e.target.closest("a,button,[role=checkbox]")) return;
      e.preventDefault();
      handler(e);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
