// Types of the <vmk-path> custom element (vmk-path.js) and of the wasm Widget it mounts.
// Hand-written: wasm-bindgen cannot describe the element (it is plain JavaScript) and its own
// generated types would give the scenario and the plan as `any`. The shapes are those of the
// public contract (scenario-format.md). A test compiles a usage file against this file
// (`tsc --noEmit`) and another compares its member names with the element's at run time, so a
// method renamed on one side fails the build.

/** Built-in scenario names (`vmkpath scenarios`); any other string is reported by the widget. */
export type BuiltinName =
  // @BUILTINS@: `cargo xtask package` writes every built-in name here, one `| 'name'` a line.
  | (string & {});

export type Version = '5.0' | '5.1' | '5.5' | '6.0' | '6.5' | '6.7' | '7.0' | '8.0';
export type Service = 'management' | 'vmotion' | 'provisioning' | 'ft' | 'vsan' | 'replication';
export type Traffic = 'memory' | 'hot-disk' | 'io-mirror' | 'cold-disk' | 'home-files';
export type Transport = 'vmotion' | 'nfc' | 'udt' | 'storage';

export interface Vmknic {
  name: string;
  /** With its prefix: "10.0.0.11/24". */
  ip: string;
  services: Service[];
  /** "default" | "vmotion" | "provisioning" | a custom stack name; default "default". */
  stack?: string;
  active: string[];
  standby?: string[];
  gateway?: string | null;
  portgroup?: string | null;
}

export interface Uplink {
  name: string;
  /** Link speed in Gbit/s; default 10. */
  gbps?: number;
  /** 576 to 9216; default 1500. */
  mtu?: number;
}

export interface Host {
  name: string;
  /** This host's own version; default: the scenario's. */
  version?: Version;
  default_gateway?: string | null;
  routes?: { network: string; gateway: string }[];
  stacks?: Record<string, { gateway?: string | null }>;
  uplinks: Uplink[];
  vmknics: Vmknic[];
}

/** A scenario in the scenario-format.md shape (what `el.scenario` reads and takes). */
export interface Scenario {
  title?: string;
  version: Version;
  migration: {
    kind: 'compute' | 'compute-and-storage' | 'cold';
    shared_datastore?: boolean;
    encryption?: 'disabled' | 'opportunistic' | 'required';
  };
  vm: {
    name: string;
    memory_gib: number;
    home_mib?: number;
    dirty_mib_per_s?: number;
    write_mib_per_s?: number;
    disks?: { name?: string; base_gib?: number; snapshots_gib?: number[] }[];
  };
  source: Host;
  destination: Host;
}

export interface Endpoint {
  host: string;
  /** null for the storage path. */
  vmk: string | null;
  uplink: string | null;
}

export interface Flow {
  traffic: Traffic;
  transport: Transport;
  source: Endpoint;
  destination: Endpoint;
  bytes: number;
  encrypted: boolean | null;
  rule: string;
  why: string;
  sources: string[];
  /** Simulated seconds from the start of the migration; null on the storage path. */
  start_s: number | null;
  end_s: number | null;
  rate_bytes_per_s: number | null;
}

export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  host: string | null;
  message: string;
  fix: string | null;
  sources: string[];
}

/** The plan in the scenario-format.md shape (`el.plan`, the `vmkpath:plan` event's detail). */
export interface Plan {
  outcome: 'ok' | 'blocked';
  /** The one-line answer: which vmknic the migration leaves on, and why. */
  verdict: string;
  flows: Flow[];
  findings: Finding[];
  /** null for a blocked plan. */
  duration_s: number | null;
  stun_ms: number | null;
}

/**
 * The element's attributes (all strings in HTML; listed for frameworks that type them):
 * - `scenario`: a built-in name; `src`: the URL of a scenario file (TOML or JSON);
 *   `chapter`: start the guided tour at a chapter id.
 * - `controls`: `all` (default), `none`, or control names separated by spaces.
 * - `panels`: which panels the widget offers (README, "The custom element").
 * - `autoplay`: present to play at once; `theme`: `light` or `dark`.
 */
export interface VmkPathAttributes {
  scenario?: BuiltinName;
  src?: string;
  chapter?: string;
  controls?: string;
  panels?: string;
  autoplay?: boolean | '';
  theme?: 'light' | 'dark';
}

/** Fired on the element (bubbling, composed) after every recomputation of the plan. */
export type VmkPathPlanEvent = CustomEvent<Plan>;

export interface VmkPathEventMap extends HTMLElementEventMap {
  'vmkpath:plan': VmkPathPlanEvent;
}

/** What `new Widget(...)` takes as options (the element fills it from its attributes). */
export interface WidgetOptions {
  controls?: string;
  panels?: string;
  autoplay?: boolean;
  theme?: string;
  scenario?: string;
  /** The widget's permalink address: its id, or `vmkpath-N`. */
  address?: string;
  /** The first widget of the page also takes fragments without an address. */
  first?: boolean;
  /** The container's width in CSS pixels, if measured. */
  width?: number;
}

/** The Rust widget behind an element (`el.widget`). Methods that fail throw an `Error`. */
export declare class Widget {
  constructor(container: Element, options: WidgetOptions, onPlan?: (plan: Plan) => void);
  /** Show a built-in scenario; "" goes back to the section's own example. */
  loadBuiltin(name: BuiltinName | ''): void;
  /** Back to the section's own example (what the element named), undoing every control. */
  reset(): void;
  /** Show a TOML or JSON scenario text; `label` names it in error messages. */
  loadText(text: string, label: string): void;
  setScenario(scenario: Scenario): void;
  scenario(): Scenario;
  plan(): Plan;
  /** Change one control as the reader would (`data-control` names): only that setting of the
   * scenario on screen changes; a control the scenario cannot express throws. */
  setControl(name: string, value: string): void;
  setOption(name: string, value: string): void;
  play(): void;
  pause(): void;
  step(): void;
  restart(): void;
  /** 0 < speed <= 8; anything else is ignored. */
  setSpeed(speed: number): void;
  setReducedMotion(on: boolean): void;
  showError(message: string): void;
  isPlaying(): boolean;
  currentStep(): number;
  simulatedSeconds(): number;
  goToChapter(id: string): void;
  togglePredict(): void;
  startPredict(): void;
  toggleTour(): void;
  /** Answer the current predict question with a vmknic name: true when right. */
  guess(vmk: string): boolean;
  predictScore(): string;
  /** Show the state a URL fragment links to: true when it was for this widget. */
  applyFragment(fragment: string): boolean;
  permalink(): string;
  showWhatIf(k: number): void;
  whatIfBack(): void;
  /** Release the Rust side (wasm-bindgen). */
  free(): void;
}

export declare class VmkPathElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The current scenario (before mounting: the one set, if any). */
  get scenario(): Scenario | undefined;
  set scenario(value: Scenario);
  /** The current plan; null until the widget has mounted. */
  readonly plan: Plan | null;
  /** The Rust widget, for tests and advanced embedding; null until mounted. */
  readonly widget: Widget | null;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void;
  addEventListener<K extends keyof VmkPathEventMap>(
    type: K,
    listener: (this: VmkPathElement, event: VmkPathEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof VmkPathEventMap>(
    type: K,
    listener: (this: VmkPathElement, event: VmkPathEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** Load and instantiate the wasm module (once per page; the element calls it). */
export declare function loadVmkpath(): Promise<unknown>;

declare global {
  interface HTMLElementTagNameMap {
    'vmk-path': VmkPathElement;
  }
  interface GlobalEventHandlersEventMap {
    'vmkpath:plan': VmkPathPlanEvent;
  }
}
