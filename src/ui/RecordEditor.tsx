import { memo, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type { DocumentSession } from '../app/documentSession';
import { labelById, labelForKey, type Label } from '../domain/labels';
import type { Utf16Range } from '../domain/units';
import { YishiAnnotations } from '../editor/annotationExtension';
import { annotationDecorationsKey, type AnnotationMeta } from '../editor/annotationDecorations';
import { WINDOWED_FROM_UTF16 } from '../editor/sectionWindow';
import type { AnnotationIntents } from '../editor/annotationInput';
import { buildEditorDocument } from '../editor/documentModel';
import { FindHighlights } from '../editor/findHighlights';
import { SuggestionHighlights } from '../editor/suggestionDecorations';
import { ReadOnlyText } from '../editor/readOnlyText';
import { recordSchemaExtensions } from '../editor/schema';
import { TextSelection } from '@tiptap/pm/state';
import { useT } from '../i18n/context';

interface Props {
  session: DocumentSession;
  labels: readonly Label[];
  /**
   * The editor once it is connected to the session, and null when it goes. The rest of the
   * interface draws into it and moves its view through its typed commands (`editor.commands.
   * setFindMatches`, `setSuggestions`, `setCurrentSuggestion`, `revealRange`, `applyLabel`,
   * `focusText`: findHighlights.ts, suggestionDecorations.ts, annotationExtension.ts).
   */
  onEditor(editor: Editor | null): void;
  /** The span panel's commands of the keymap (S, N, R with a span selected); true if it was used. */
  onSpanCommand?(id: 'speaker' | 'note' | 'link'): boolean;
  /** A click on suggested text: the ids of the suggestions there, outermost first. */
  onSuggestionClick?(ids: string[]): void;
}

export const RecordEditor = memo(function RecordEditor({ session, labels, onEditor, onSpanCommand, onSuggestionClick }: Props) {
  const onSuggestionClickRef = useRef(onSuggestionClick);
  onSuggestionClickRef.current = onSuggestionClick;
  const onSpanCommandRef = useRef(onSpanCommand);
  onSpanCommandRef.current = onSpanCommand;
  const model = useMemo(() => buildEditorDocument(session.document.text, session.document.format), [session]);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const intentsRef = useRef<AnnotationIntents | null>(null);
  const initial = useMemo(() => session.getSnapshot().annotations, [session]);

  const editor = useEditor(
    {
      extensions: [
        ...recordSchemaExtensions(),
        ReadOnlyText,
        FindHighlights.configure({ positions: model.positions }),
        SuggestionHighlights.configure({
          positions: model.positions,
          colorOf: (id) => labelById(labelsRef.current, id)?.color ?? '#888888',
          onClick: (ids) => onSuggestionClickRef.current?.(ids),
        }),
        YishiAnnotations.configure({
          config: {
            index: session.index,
            positions: model.positions,
            colorOf: (id) => labelById(labelsRef.current, id)?.color ?? '#888888',
            windowed: session.document.text.length >= WINDOWED_FROM_UTF16,
          },
          initial,
          intents: () => intentsRef.current!,
        }),
      ],
      content: model.content,
      shouldRerenderOnTransaction: false,
      // A read-only multi-line text box: the text can be selected and tagged, never changed.
      editorProps: { attributes: { class: 'yi-record', lang: 'zh-CN', role: 'textbox', 'aria-multiline': 'true', 'aria-readonly': 'true' } },
    },
    [session, model],
  );

  useEffect(() => {
    if (!editor) return;
    const view = editor.view;
    const dispatchMeta = (meta: AnnotationMeta) => view.dispatch(view.state.tr.setMeta(annotationDecorationsKey, meta));
    session.connect((change) => dispatchMeta({ type: 'change', change }));
    // Anything stored between the editor's creation and now is drawn too.
    const now = session.getSnapshot().annotations;
    if (now !== initial) dispatchMeta({ type: 'reset', annotations: now });
    // The selected span is outlined by the decorations too (a class on its segments): a CSS rule
    // per selection would make the browser re-match the whole record's elements.
    let selected = annotationDecorationsKey.getState(view.state)?.selectedId ?? null;
    const showSelection = () => {
      const id = session.getSnapshot().selectedId;
      if (id !== selected) dispatchMeta({ type: 'select', id: (selected = id) });
    };
    showSelection();
    const unsubscribe = session.subscribe(showSelection);

    const collapseTo = (range: Utf16Range) => {
      const pos = model.positions.posAtOffset(range.end, 'end');
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
    };
    const tagOrRelabel = (labelId: string, selection: Utf16Range | null) => {
      if (selection) {
        // The caret goes to the end of what was tagged (widened to whole characters), never
        // between the two halves of a surrogate pair the selection ended in.
        const tagged = session.tag(selection, labelId);
        if (tagged) collapseTo(tagged);
      } else if (session.hasSelection) {
        session.relabelSelected(labelId);
      }
    };
    intentsRef.current = {
      isLabelKey: (key) => labelForKey(labelsRef.current, key) !== undefined,
      labelKey(key, selection) {
        const label = labelForKey(labelsRef.current, key);
        if (!label) return false;
        tagOrRelabel(label.id, selection);
        return true;
      },
      spanCommand: (id) => session.hasSelection && (onSpanCommandRef.current?.(id) ?? false),
      label: tagOrRelabel,
      deleteSelected: () => session.deleteSelected(),
      undo: () => session.undo(),
      redo: () => session.redo(),
      moveBoundary(boundary, direction) {
        if (!session.hasSelection) return false;
        session.moveSelected(boundary, direction);
        return true;
      },
      escape() {
        if (!session.hasSelection) return false;
        session.select(null);
        return true;
      },
      clickAnnotations: (ids) => session.selectAmong(ids),
      clickText: () => session.select(null),
      hoverAnnotations(ids) {
        // The innermost span under the pointer and what it is related to. Most spans have no
        // relation: moving over them dispatches nothing (a transaction updates the whole view).
        const id = ids?.[ids.length - 1];
        const related = id ? session.relatedTo(id) : [];
        const marked = annotationDecorationsKey.getState(view.state)?.relatedIds.size ?? 0;
        if (related.length === 0 && marked === 0) return;
        dispatchMeta({ type: 'related', ids: related.length > 0 ? [id!, ...related] : [] });
      },
    };

    onEditor(editor);
    return () => {
      unsubscribe();
      session.connect(null);
      onEditor(null);
    };
  }, [editor, session, model, initial, onEditor]);

  // Its name follows the interface language (ProseMirror leaves attributes it did not set alone).
  const t = useT();
  // The title can change while the record is open (its details edited here or in another tab).
  const title = useSyncExternalStore(session.subscribe, () => session.document.title);
  const editorLabel = t('reader.editorLabel', { title });
  useEffect(() => {
    if (editor) editor.view.dom.setAttribute('aria-label', editorLabel);
  }, [editor, editorLabel]);

  return <EditorContent editor={editor} className="yi-editor" data-testid="editor" />;
});
