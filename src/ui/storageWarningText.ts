/**
 * The interface's words about where the library is kept and about a library closed by another
 * tab: in one place, so they can move into the interface's string tables with the rest.
 */
export const STORAGE_WARNING_TEXT = {
  /** Shown for the whole session when IndexedDB was refused and the library lives in memory. */
  memoryTitle: '数据不会保存 Nothing will be kept',
  memoryBody:
    '本浏览器拒绝了本地存储（IndexedDB），本次会话只在内存中运行：关闭或刷新页面后，所有记录和标注都会丢失。请在关闭前导出。' +
    ' This browser refused local storage (IndexedDB), so this session runs in memory only: closing or reloading the page loses every record and annotation. Export before you close it.',
  /** Followed by the technical reason. */
  memoryReasonPrefix: '原因 Reason: ',
  /** Shown when another tab opened a newer version of the library: this tab stops writing. */
  closedTitle: '议事已在另一个标签页中更新，请重新加载以继续 Yishi was updated in another tab; reload to continue',
  closedBody:
    '此标签页已停止保存，屏幕上显示的内容均已保存。 This tab has stopped saving; everything shown here is stored.',
  /** Shown when another tab deleted the library. */
  deletedTitle: '本地数据库已在另一个标签页中删除 The local library was deleted in another tab',
  deletedBody: '此标签页已停止保存；请重新加载。 This tab has stopped saving; reload the page.',
  reload: '重新加载 Reload',
} as const;
