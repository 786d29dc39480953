// The shapes the bench's modules pass to each other and write to its raw JSON (bench/results/*.json).
// Types only: the modules are plain .mjs files that name these in JSDoc, checked by
// `npx tsc -p bench/tsconfig.json`.

/** A size the bench generates a record of ('20k', '200k', '1m'). */
export type SizeName = string;

/** An export the bench times: a button timed by the app's own User Timing measure, or every format of the export dialog. */
export interface ExportSpec {
  kind: 'button' | 'dialog';
  name: string;
  testId: string;
  measure?: string;
}

/** What `node bench/run.mjs` was asked to do (bench/options.mjs). */
export interface BenchOptions {
  smoke: boolean;
  sizes: SizeName[];
  runs: Record<SizeName, number>;
  peerRuns: Record<SizeName, number>;
  cycles: number;
  peer: boolean;
  peerTimeoutS: number;
  library: number;
  libraryRuns: number;
  exports: ExportSpec[];
  dist: string;
  note: string | null;
  out: string;
  report?: string;
}

/** A span as the generated native JSON holds it (code-point offsets). */
export interface BenchSpan {
  id: string;
  label: string;
  start: number;
  end: number;
  text: string;
}

export interface BenchDocument {
  id: string;
  title: string;
  text: string;
  annotations: BenchSpan[];
}

/** One action cycle: where the add selects, and the span relabelled, moved, deleted and restored. */
export interface CyclePlan {
  needle: string;
  occurrence: number;
  addAt: number;
  span: BenchSpan;
  relabelKey: string;
  relabelTo: string;
}

export interface Plan {
  cycles: CyclePlan[];
  /** The spans in the first 250 characters: drawn, the record counts as open. */
  firstIds: string[];
}

/** A size's input, shared by the runs of ours and the peer's. */
export interface SizeInput {
  doc: BenchDocument;
  path: string;
  stats: Record<string, unknown>;
  /** Code point offset → UTF-16 offset (the peer counts as the DOM does). */
  u16: Int32Array;
  plan: Plan;
}

export interface LibraryInput {
  path: string;
  file: { documents: BenchDocument[] };
}

/** A server on loopback; `skipped` says why the peer has none. */
export interface Served {
  url: string;
  close: () => Promise<void> | void;
}

/** Chromium's Performance.getMetrics, by name. */
export type Metrics = Record<string, number>;

export interface Breakdown {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** CPU time of the page's main thread over the same bracket (CDP `ThreadTime`). */
  cpuMs: number;
}

export interface CpuCounters {
  busyS: number;
  selfS: number;
  at: number;
}

export interface MachineLoad {
  wallS: number;
  otherCpuS: number;
  otherCores: number;
}

export interface RendererMemory {
  rendererMB: number | null;
  allRenderersMB: number;
  renderers: { pid: number; rssMB: number; cpuTicks: number; ui: boolean }[];
}

export interface HeapFigures {
  heapMB: number;
  heapTotalMB: number;
}

/** A timed step in the page: `ms` to painted (two frames after the DOM showed it), `domMs` to the DOM. */
export interface Timed {
  ms: number;
  domMs?: number;
  [more: string]: unknown;
}

export interface ActionSample extends Breakdown {
  ms: number;
  domMs: number;
  newId: string | null;
  storeMs: number | null;
}

export interface ExportResult {
  ms?: number;
  domMs?: number;
  taskMs?: number;
  measure?: string;
  file?: string | null;
  error?: string;
  missing?: boolean;
}

/** What every run of a browser records, whoever it measured. */
export interface RunBase {
  run: number;
  failed?: string;
  treeCpuS?: number;
  cpuEnd?: CpuCounters;
  machineLoad?: MachineLoad;
}

export interface OursRun extends RunBase {
  errors: string[];
  browserVersion?: string;
  import?: Timed & { openMs: number; taskMs?: number };
  open?: Timed & Partial<Breakdown> & { t0: number; loadDocumentMs?: number | null };
  annotationCount?: number;
  baseline?: number[];
  actions?: Record<string, ActionSample[]>;
  scroll?: { ms: number; frames: number; reachedEnd: boolean; scrollHeight: number; longest: number; count: number; tasks?: number[] };
  memory?: HeapFigures & RendererMemory;
  storage?: { storeChangeMs: number[] };
  exports?: Record<string, ExportResult>;
}

export interface PeerRun extends RunBase {
  timeout?: boolean;
  render?: Timed;
  open?: Timed & Partial<Breakdown> & { unanchored?: number; misanchored?: number };
  actions?: { add: (Timed & Breakdown)[]; remove: (Timed & Breakdown)[] };
  memory?: HeapFigures & RendererMemory;
}

export interface LibraryRun extends RunBase {
  errors: string[];
  import?: Timed & { openMs: number; taskMs?: number };
  listed?: number;
  exports?: Record<string, ExportResult>;
}

export interface ActionSummary {
  samples: number;
  ms: number | null;
  taskMs: number | null;
  /** The main thread's CPU time (absent in runs before it was recorded). */
  cpuMs?: number | null;
  storeMs: number | null;
}

export interface PeerSummary {
  runs: number;
  timedOut: boolean;
  failed: string[];
  renderMs: number | null;
  openMs: number | null;
  openTaskMs: number | null;
  addMs: number | null;
  addTaskMs: number | null;
  removeMs: number | null;
  removeTaskMs: number | null;
  heapMB: number | null;
  rendererMB: number | null;
  unanchored: number;
}

/** The medians of one size (bench/report.mjs summarise()). */
export interface SizeSummary {
  size: SizeName;
  runs: number;
  failedRuns: number;
  importMs: number | null;
  importOpenMs: number | null;
  importTaskMs: number | null;
  openMs: number | null;
  openTaskMs: number | null;
  loadDocumentMs: number | null;
  actions: Record<string, ActionSummary>;
  baselineTaskMs: number | null;
  scrollLongestMs: number | null;
  scrollLongTasks: number | null;
  scrollFrames: number | null;
  heapMB: number | null;
  rendererMB: number | null;
  allRenderersMB: number | null;
  storeChangeMs: { samples: number; median: number | null; p95: number | null };
  exports: Record<string, number | null>;
  peer?: PeerSummary;
}

export interface LibrarySummary {
  documents: number;
  codePoints: number;
  spans: number;
  runs: number;
  failedRuns: number;
  importMs: number | null;
  importOpenMs: number | null;
  exports: Record<string, number | null>;
}

/** One line of the targets table. */
export interface Target {
  size: SizeName;
  what: string;
  value: number | string | null | undefined;
  limit: string;
  met: boolean | null;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string | null;
  memoryGB: number;
  node: string;
  chromium: string | null;
  os: string;
  commit: string | null;
  dirty: boolean;
  dist?: string;
  bundle?: string | null;
  note?: string | null;
}

/** The raw JSON a run writes (and --report reads back). */
export interface RawRun {
  startedAt: string;
  options: Partial<BenchOptions>;
  loadavg: { before: number[]; after?: number[] };
  sizes: Record<SizeName, { stats: Record<string, unknown>; plan: Plan; ours: OursRun[]; peer: PeerRun[] | null; loadavg: number[] }>;
  library?: { stats: Record<string, unknown>; runs: LibraryRun[]; loadavg: number[] };
  librarySummary?: LibrarySummary;
  machine: MachineInfo;
  seconds: number;
  summary: SizeSummary[];
  targets: Target[];
  peerSkipped: string | null;
}

declare global {
  interface Window {
    /** bench/page.mjs installOurs(): the bench's watchers and actions in the app's page. */
    __yb: any;
    /** bench/peer/main.js: the peer's page. */
    __peer: any;
    __peerReady?: boolean;
  }
}
