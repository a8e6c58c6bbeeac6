/** The non-Sheets services: Properties, Lock, Session, Utilities, HtmlService, Ui, ScriptApp, Logger, console. */
import { expose, type Env } from './env';
import { dateMs, formatJavaDate, isDate } from './time';

// ---------------------------------------------------------------- PropertiesService

/** Apps Script's quotas: 9 KB per value, 500 KB per store. */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

export type PropertyStore = Record<string, string>;

export function newPropertyStore(entries: Record<string, string> = {}): PropertyStore {
  return Object.assign(Object.create(null) as PropertyStore, entries);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function storeProperties(store: PropertyStore, updates: Record<string, string>): void {
  let total = 0;
  const next = { ...store, ...updates };
  for (const [key, value] of Object.entries(next)) {
    if (utf8Length(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    total += utf8Length(key) + utf8Length(value);
  }
  if (total > MAX_STORE_BYTES)
    throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
  Object.assign(store, updates);
}

export class Properties {
  constructor(
    readonly env: Env,
    private readonly store: PropertyStore,
  ) {}

  getProperty(key: string): string | null {
    return Object.hasOwn(this.store, key) ? (this.store[key] ?? null) : null;
  }

  setProperty(key: string, value: unknown): Properties {
    storeProperties(this.store, { [String(key)]: String(value) });
    return this;
  }

  getProperties(): Record<string, string> {
    return { ...this.store };
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): Properties {
    const updates: Record<string, string> = {};
    for (const [key, value] of Object.entries(properties)) updates[key] = String(value);
    if (deleteAllOthers) {
      storeProperties(newPropertyStore(), updates);
      for (const key of Object.keys(this.store)) delete this.store[key];
    }
    storeProperties(this.store, updates);
    return this;
  }

  deleteProperty(key: string): Properties {
    delete this.store[String(key)];
    return this;
  }

  deleteAllProperties(): Properties {
    for (const key of Object.keys(this.store)) delete this.store[key];
    return this;
  }

  getKeys(): string[] {
    return Object.keys(this.store);
  }
}

export class PropertiesService {
  constructor(
    readonly env: Env,
    private readonly stores: { document: PropertyStore; user: PropertyStore; script: PropertyStore },
  ) {}

  getDocumentProperties(): Properties {
    return new Properties(this.env, this.stores.document);
  }

  getUserProperties(): Properties {
    return new Properties(this.env, this.stores.user);
  }

  getScriptProperties(): Properties {
    return new Properties(this.env, this.stores.script);
  }
}

// ---------------------------------------------------------------- LockService

/** Whether another execution (another admin) holds the document lock. */
export interface LockState {
  documentHeldElsewhere: boolean;
}

export class Lock {
  private held = false;

  constructor(
    readonly env: Env,
    private readonly state: LockState,
    private readonly contended: boolean,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number')
      throw new Error("The parameters don't match the method signature for LockService.Lock.tryLock.");
    if (this.contended && this.state.documentHeldElsewhere) return false;
    this.held = true;
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (typeof timeoutInMillis !== 'number')
      throw new Error("The parameters don't match the method signature for LockService.Lock.waitLock.");
    if (this.contended && this.state.documentHeldElsewhere)
      throw new Error('Lock timeout: another process was holding the lock for too long.');
    this.held = true;
  }

  releaseLock(): void {
    this.held = false;
  }

  hasLock(): boolean {
    return this.held;
  }
}

export class LockService {
  constructor(
    readonly env: Env,
    private readonly state: LockState,
  ) {}

  getDocumentLock(): Lock {
    return new Lock(this.env, this.state, true);
  }

  getScriptLock(): Lock {
    return new Lock(this.env, this.state, false);
  }

  getUserLock(): Lock {
    return new Lock(this.env, this.state, false);
  }
}

// ---------------------------------------------------------------- Session

export class User {
  constructor(
    readonly env: Env,
    private readonly email: string,
  ) {}

  getEmail(): string {
    return this.email;
  }
}

export class Session {
  constructor(
    readonly env: Env,
    private readonly activeEmail: string,
    private readonly effectiveEmail: string,
    private readonly scriptTimeZone: string,
  ) {}

  getActiveUser(): User {
    return new User(this.env, this.activeEmail);
  }

  getEffectiveUser(): User {
    return new User(this.env, this.effectiveEmail);
  }

  getScriptTimeZone(): string {
    return this.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    return 'en';
  }
}

// ---------------------------------------------------------------- Utilities

export class Blob {
  constructor(
    readonly env: Env,
    private bytes: Uint8Array,
    private contentType: string | null,
    private name: string | null,
  ) {}

  getDataAsString(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** Java bytes are signed. */
  getBytes(): number[] {
    return Array.from(this.bytes, (b) => (b > 127 ? b - 256 : b));
  }

  setDataFromString(string: string): Blob {
    this.bytes = new TextEncoder().encode(String(string));
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): Blob {
    this.name = String(name);
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string): Blob {
    this.contentType = String(contentType);
    return this;
  }
}

/** printf as Utilities.formatString does it, for %s, %d, %i, %f (with width and precision) and %%. */
function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%(-?)(\d*)(?:\.(\d+))?([sdif%])/g,
    (_, left: string, width: string, precision: string | undefined, kind: string) => {
      if (kind === '%') return '%';
      const arg = args[next++];
      let text: string;
      if (kind === 's') text = precision === undefined ? String(arg) : String(arg).slice(0, Number(precision));
      else if (kind === 'f') text = Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
      else text = String(Math.trunc(Number(arg)));
      const w = Number(width || 0);
      return left ? text.padEnd(w) : text.padStart(w);
    },
  );
}

export class Utilities {
  constructor(readonly env: Env) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw new Error("The parameters don't match the method signature for Utilities.formatDate.");
    }
    const ms = dateMs(date);
    if (Number.isNaN(ms)) throw new Error('Invalid argument: date');
    return formatJavaDate(ms, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(String(template), args);
  }

  sleep(milliseconds: number): void {
    if (typeof milliseconds !== 'number' || milliseconds > 300_000) throw new Error('Invalid argument: milliseconds');
  }

  getUuid(): string {
    return crypto.randomUUID();
  }

  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : Uint8Array.from(data, (b) => b & 0xff);
    return new Blob(this.env, bytes, contentType ?? null, name ?? null);
  }
}

// ---------------------------------------------------------------- HtmlService

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class HtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    readonly env: Env,
    private content: string,
  ) {}

  getContent(): string {
    return this.content;
  }

  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): HtmlOutput {
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  clear(): HtmlOutput {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this;
  }

  getWidth(): number | null {
    return this.width;
  }

  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this;
  }

  getHeight(): number | null {
    return this.height;
  }

  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this;
  }

  setSandboxMode(_mode: string): HtmlOutput {
    return this;
  }

  setXFrameOptionsMode(_mode: string): HtmlOutput {
    return this;
  }

  setFaviconUrl(_iconUrl: string): HtmlOutput {
    return this;
  }

  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
}

export class HtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    readonly env: Env,
    private readonly files: Record<string, string>,
  ) {}

  createHtmlOutput(html?: string): HtmlOutput {
    return new HtmlOutput(this.env, html === undefined ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const name = String(filename);
    const content = this.files[name] ?? this.files[name.replace(/\.html$/, '')] ?? this.files[`${name}.html`];
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return new HtmlOutput(this.env, content);
  }
}

// ---------------------------------------------------------------- Ui

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

/** The emulated user always answers affirmatively. */
function affirmative(buttons: string): string {
  return buttons.startsWith('YES') ? Button.YES : Button.OK;
}

function dialogArgs(args: unknown[]): { title: string | null; prompt: string; buttons: string } {
  const [a, b, c] = args;
  if (args.length >= 3) return { title: String(a), prompt: String(b), buttons: String(c) };
  return { title: null, prompt: String(a), buttons: args.length === 2 ? String(b) : ButtonSet.OK };
}

export class PromptResponse {
  constructor(
    readonly env: Env,
    private readonly button: string,
  ) {}

  getResponseText(): string {
    return '';
  }

  getSelectedButton(): string {
    return this.button;
  }
}

export class Menu {
  private readonly items: { caption: string; functionName: string }[] = [];

  constructor(
    readonly env: Env,
    private readonly name: string,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): Menu {
    return this;
  }

  /** Sub-menu items are recorded flattened, captioned 'Sub menu > Item'. */
  addSubMenu(menu: Menu): Menu {
    if (!(menu instanceof Menu)) throw new Error("The parameters don't match the method signature for Ui.Menu.addSubMenu.");
    for (const item of menu.items) this.items.push({ caption: `${menu.name} > ${item.caption}`, functionName: item.functionName });
    return this;
  }

  addToUi(): void {
    this.env.ui.menus.push({ name: this.name, items: this.items.map((i) => ({ ...i })) });
  }
}

function htmlArg(userInterface: unknown, method: string): HtmlOutput {
  if (!(userInterface instanceof HtmlOutput)) throw new Error(`The parameters don't match the method signature for Ui.${method}.`);
  return userInterface;
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    readonly env: Env,
    private readonly addonName: string,
  ) {}

  createMenu(caption: string): Menu {
    return new Menu(this.env, String(caption));
  }

  createAddonMenu(): Menu {
    return new Menu(this.env, this.addonName);
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(...args: unknown[]): string {
    const record = dialogArgs(args);
    this.env.ui.alerts.push(record);
    return affirmative(record.buttons);
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(...args: unknown[]): PromptResponse {
    const record = dialogArgs(args);
    this.env.ui.prompts.push(record);
    return new PromptResponse(this.env, affirmative(record.buttons));
  }

  /** Sidebars are 300px wide whatever the output asks for. */
  showSidebar(userInterface: HtmlOutput): void {
    const html = htmlArg(userInterface, 'showSidebar');
    this.env.ui.sidebars.push({ title: html.getTitle(), width: 300, html: html.getContent() });
  }

  showModalDialog(userInterface: HtmlOutput, title: string): void {
    const html = htmlArg(userInterface, 'showModalDialog');
    this.env.ui.dialogs.push({
      title: String(title),
      width: html.getWidth() ?? 600,
      height: html.getHeight() ?? 400,
      html: html.getContent(),
      modal: true,
    });
  }

  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    const html = htmlArg(userInterface, 'showModelessDialog');
    this.env.ui.dialogs.push({
      title: String(title),
      width: html.getWidth() ?? 600,
      height: html.getHeight() ?? 400,
      html: html.getContent(),
      modal: false,
    });
  }
}

// ---------------------------------------------------------------- ScriptApp, Logger, console

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const ScriptApp = { AuthMode };

export class Logger {
  constructor(readonly env: Env) {}

  /** log(data) | log(format, ...values): recorded as given. */
  log(data: unknown, ...values: unknown[]): Logger {
    this.env.logs.push({ level: 'log', args: [data, ...values] });
    return this;
  }
}

export class Console {
  constructor(readonly env: Env) {}

  log(...args: unknown[]): void {
    this.env.logs.push({ level: 'log', args });
  }

  info(...args: unknown[]): void {
    this.env.logs.push({ level: 'info', args });
  }

  warn(...args: unknown[]): void {
    this.env.logs.push({ level: 'warn', args });
  }

  error(...args: unknown[]): void {
    this.env.logs.push({ level: 'error', args });
  }
}

for (const [cls, label] of [
  [Properties, 'Properties'],
  [PropertiesService, 'PropertiesService'],
  [Lock, 'Lock'],
  [LockService, 'LockService'],
  [User, 'User'],
  [Session, 'Session'],
  [Blob, 'Blob'],
  [Utilities, 'Utilities'],
  [HtmlOutput, 'HtmlOutput'],
  [HtmlService, 'HtmlService'],
  [PromptResponse, 'PromptResponse'],
  [Menu, 'Menu'],
  [Ui, 'Ui'],
  [Logger, 'Logger'],
  [Console, 'console'],
] as const) {
  expose(cls, label, false);
}
