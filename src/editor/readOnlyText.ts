import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const readOnlyTextKey = new PluginKey('yishiReadOnlyText');

/** Input types that only move the selection; everything else would change the text. */
const BLOCKED_INPUT = /^(insert|delete|history|format)/;

/**
 * Keeps the canonical text immutable while the view stays editable, so the caret and keyboard
 * selection (Shift+arrows) work. `editable: false` would stop ProseMirror's key handling and the
 * focus needed for keyboard selection. Every transaction that changes the document is rejected;
 * typing, paste, drop, cut and IME input are stopped before they reach the DOM where possible, and
 * ProseMirror redraws any DOM change it reads back but cannot apply.
 */
export const ReadOnlyText = Extension.create({
  name: 'yishiReadOnlyText',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: readOnlyTextKey,
        filterTransaction: (tr) => !tr.docChanged,
        // `plaintext-only` keeps the caret and keyboard selection, lets the browser insert no rich
        // content, and is not matched by React's `contentEditable === 'true'` test: React saves and
        // restores the selection of such a focused element around EVERY commit anywhere in the
        // page by walking its whole DOM (measured: ~75 ms per sidebar update at 1M characters).
        // ProseMirror ignores attribute mutations on its root and never rewrites this attribute
        // unless `editable` changes, which Yishi never does.
        view(editorView) {
          editorView.dom.setAttribute('contenteditable', 'plaintext-only');
          return {};
        },
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              if (BLOCKED_INPUT.test((event as InputEvent).inputType)) event.preventDefault();
              return false;
            },
            cut: (_view, event) => {
              event.preventDefault();
              return true;
            },
            dragstart: (_view, event) => {
              event.preventDefault();
              return true;
            },
            // An IME composition cannot be stopped (its beforeinput is not cancelable), and the
            // redraw that undoes its text ends it without a compositionend. Were ProseMirror told
            // it started, it would stay "composing" until the next mouse press in the text: it
            // would ignore every keydown (keys 1-4, Delete, brackets, undo) and keep the caret's
            // text node from being redrawn, so new annotations there would not be drawn.
            compositionstart: () => true,
            compositionupdate: () => true,
          },
          attributes: { spellcheck: 'false', 'aria-readonly': 'true', 'aria-label': 'Meeting record text' },
        },
      }),
    ];
  },
});
