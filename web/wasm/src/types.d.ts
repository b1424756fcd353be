
// ---- Options: everything a mediator can choose. -------------------------------------
// Every field is optional: what is left out takes its default, so {} is a complete input.
// Field names and choice values are exactly those of `caucus schema` and of options files.
// Written from the options model (`UPDATE_TYPES=1 cargo test -p caucus-wasm --lib
// typescript`), not by hand.

/** All the choices behind one set of documents. */
export interface Options {
  /** The case: reference, date, locale and governing jurisdiction. */
  case?: Case;
  /** The mediator conducting the Mediation. */
  mediator?: Mediator;
  /** The parties to the Mediation, in the order they are named. */
  parties?: Party[];
  /** The video platform and how it is used. */
  platform?: Platform;
  /** Who attends, and how attendance is disclosed and checked. */
  attendance?: Attendance;
  /** Whether anything may be recorded. */
  recording?: Recording;
  /** Breakout rooms (private caucuses) beside the joint sessions. */
  breakout_rooms?: BreakoutRooms;
  /** How documents are exchanged, kept and deleted. */
  documents?: Documents;
  /** Security practices for the meeting itself. */
  security?: Security;
  /** Who bears the costs of conducting the Mediation by video. */
  costs?: Costs;
  /** Consents and acknowledgements the parties give. */
  consent?: Consent;
  /** What happens when the connection fails. */
  technical_failure?: TechnicalFailure;
  /** How any settlement is signed. */
  settlement?: Settlement;
  /** Who is responsible for the personal data the video process creates. */
  data_protection?: DataProtection;
  /** Your own wording. Your own wording of a clause, by the clause's id (`recording-prohibited`), as Markdown. It replaces the standard text while the options select that clause; it is fixed text, so it no longer follows the other options. */
  edits?: { [key: string]: string };
}

/** The case the documents belong to. */
export interface Case {
  /** Case reference. For example MED-2026-0147. Leave empty to show no reference. */
  reference?: string;
  /** Date of the session. Leave empty if the date is not fixed yet. */
  date?: string | null;
  /** Start time. When the first session starts. The documents write it as the spelling and date style does: "09:30" in British English, "9:30 a.m." in Canadian and American English. Leave empty to show no time. */
  time?: string | null;
  /** Time zone. The zone of the start time. The documents name the zone after its place ("London time"). In an options file, its IANA name: Europe/London, America/Toronto. */
  time_zone?: string;
  /** Longest stretch without a break. The longest stretch, in minutes, that a session runs without a break. Video is more tiring than a meeting room; 90 minutes is a common limit. */
  break_every_minutes?: number;
  /** Spelling and date style. Spelling and date style of the documents. */
  locale?: Locale;
  /** Governing law. The law that governs the mediation agreement, as free text (for example England and Wales). Empty: the documents refer to "applicable law". */
  jurisdiction?: string;
  /** End the terms with a signature block. The terms end with a place for each party and the mediator to sign and date, for when they are signed as a document of their own rather than attached to a mediation agreement that is signed. */
  signature_block?: boolean;
}

/** Spelling and date style. */
export type Locale = "en-GB" | "en-CA" | "en-US";

/** The mediator. */
export interface Mediator {
  /** Mediator's name. The mediator's full name. Empty: the documents say "the Mediator". */
  name?: string;
  /** Firm or institution. The mediator's firm or institution, if any. */
  organisation?: string;
  /** Emergency telephone number. A telephone number on which attendees can reach you during a session if the video fails. The participant guide prints it. Empty: the guide asks attendees to keep your number to hand. */
  emergency_phone?: string;
}

/** A party to the mediation. */
export interface Party {
  /** Full legal name. The party's full legal name. */
  name?: string;
  /** Role. The party's role in the dispute, for example Claimant or Respondent. */
  role?: string;
  /** The party's time zone. Only when it differs from the case's time zone, for example America/New_York. The documents then give the start time in this zone too. Empty: the case's zone. */
  time_zone?: string;
  /** Everyone who attends for this party, or who will be able to hear the session. */
  attendees?: Attendee[];
}

/** A person attending the mediation for a party. */
export interface Attendee {
  /** Name. The attendee's full name. */
  name?: string;
  /** Attends as. The capacity in which the attendee attends. */
  capacity?: Capacity;
}

/** The capacity in which someone attends. */
export type Capacity =
  | "party"
  | "lawyer"
  | "expert"
  | "interpreter"
  | "support-person"
  | "observer";

/** The video platform. */
export interface Platform {
  /** Platform. Which platform the mediation uses. */
  kind?: PlatformKind;
  /** Name of the platform. The platform's name as the parties know it, for example Jitsi Meet. */
  other_name?: string;
  /** Whose account hosts the meetings. */
  account_holder?: AccountHolder;
  /** How attendees join. How attendees join: the platform's desktop application or a web browser. */
  client?: Client;
  /** Encryption the parties expect. The encryption the parties expect the meeting to use. */
  encryption?: Encryption;
  /** Where meeting data may be processed. Regions where meeting data may be processed, for example EU or Canada. Leave empty if no restriction is agreed. */
  data_regions?: string[];
  /** Hold a test session before the mediation. Whether a short test session is held before the mediation. */
  test_session?: boolean;
}

/** The platforms caucus knows facts about. */
export type PlatformKind = "zoom" | "microsoft-teams" | "webex" | "google-meet" | "other";

/** Whose account hosts the meetings. */
export type AccountHolder = "mediator" | "institution" | "requesting-party";

/** How attendees join. */
export type Client = "desktop-app" | "browser";

/** The encryption expected of the meeting. */
export type Encryption = "in-transit" | "end-to-end";

/** Who attends, and how that is disclosed and checked. */
export interface Attendance {
  /** Everyone attending is named in advance. Whether every attendee must be named to the mediator and the other parties in advance. */
  disclose_in_advance?: boolean;
  /** Hours before the session. How many hours before the session the names must be given. */
  disclosure_deadline_hours?: number;
  /** Observers. Whether observers may attend. */
  observers?: Observers;
  /** Each attendee joins from a private place. Whether each attendee must join from a private place where nobody else can hear. */
  private_location?: boolean;
  /** Cameras stay on. Whether cameras stay on while an attendee is in a session. */
  cameras_on?: boolean;
  /** Identity check on camera at the opening. Whether each attendee confirms their identity on camera at the opening. */
  identity_check?: boolean;
  /** Interpreters will attend. Whether interpreters will attend. */
  interpreters?: boolean;
  /** An attendee may have a support person with them. Whether an attendee may have a support person (a relative, friend or carer) with them, with the consent of the mediator and the other parties. */
  support_persons?: boolean;
  /** Live captions will be used. Whether an attendee needs live captions or a human captioner (CART) to take part. The recording rules always allow captions for an attendee who needs them; this tells the terms that captions will be used, and checks that the platform's encryption leaves them on. */
  live_captions?: boolean;
}

/** Whether observers may attend. */
export type Observers = "never" | "consent-of-all";

/** Recording of the mediation. */
export interface Recording {
  /** Who may record. Whether, and what, anyone may record. */
  policy?: RecordingPolicy;
  /** Days after the mediation to delete an allowed recording. Days after the mediation ends within which an allowed recording is deleted (for a recording made with everyone's consent, unless the consent says otherwise). */
  retention_days?: number;
}

/** Whether, and what, anyone may record. */
export type RecordingPolicy = "prohibited" | "consent-of-all" | "settlement-terms-only";

/** Breakout rooms (private caucuses). */
export interface BreakoutRooms {
  /** Use breakout rooms for private sessions. Whether breakout rooms are used. */
  enabled?: boolean;
  /** Who runs the rooms. Who may open and close rooms and move people between them. */
  control?: RoomControl;
  /** The co-host's name. The co-host's name, if already known. Left empty, the terms say that the mediator names the co-host before the first session. */
  co_host?: string;
  /** The mediator announces entering a room. Whether the mediator announces themselves on entering a room. */
  announce_entry?: boolean;
  /** The host may broadcast messages to every room. Whether the host may broadcast short messages to every room. */
  broadcasts?: boolean;
  /** Private chat. Whether the platform's private chat may be used. */
  private_chat?: PrivateChat;
}

/** Who may open, close and assign breakout rooms. */
export type RoomControl = "mediator-only" | "mediator-and-co-host";

/** Use of the platform's private chat. */
export type PrivateChat = "disabled" | "mediator-only";

/** Documents exchanged for the mediation. */
export interface Documents {
  /** How documents are exchanged. */
  exchange?: DocumentExchange;
  /** Days after the mediation to delete documents. Days after the mediation ends within which everyone deletes the documents they received, except what law or professional rules require them to keep. */
  delete_after_days?: number;
  /** Hours to report a suspected breach. Hours within which anyone who suspects a breach of confidentiality tells everyone. */
  breach_notice_hours?: number;
  /** The file-sharing service. For example Egnyte or ShareFile. Empty: the terms say that you name the service for the mediation. */
  file_share_service?: string;
}

/** How documents are exchanged. */
export type DocumentExchange = "secure-file-share" | "encrypted-email";

/** Security practices for the meeting. */
export interface Security {
  /** A meeting ID for this mediation only. A meeting ID used for this mediation only, never a personal or recurring one. */
  unique_meeting_id?: boolean;
  /** A passcode is needed to join. A passcode is required to join. */
  passcode?: boolean;
  /** The passcode is sent separately from the link. The passcode is sent by a different channel from the link. */
  passcode_separate?: boolean;
  /** Admitting attendees. Whether to use the waiting room or lobby to admit attendees. */
  waiting_room?: WaitingRoom;
  /** Lock the meeting once everyone has joined. The host locks the meeting once everyone expected has joined. */
  lock_meeting?: boolean;
  /** No public or shared networks. Attendees do not join over public or shared networks. */
  no_public_networks?: boolean;
  /** Current version of the platform's software. Attendees use the current version of the platform's software. */
  current_version?: boolean;
  /** Who may share their screen. */
  screen_sharing?: ScreenSharing;
}

/** Use of the waiting room or lobby. */
export type WaitingRoom = "use" | "avoid";

/** Who may share their screen. */
export type ScreenSharing = "host-only" | "anyone";

/** Who bears the costs of conducting the mediation by video. */
export interface Costs {
  /** Who bears the costs. How the costs are allocated. */
  allocation?: CostAllocation;
  /** Each party's share. Percentages, one for each party. They must total 100. */
  shares?: number[];
  /** The party that asked for the platform. This party bears the costs, or hosts the meetings on its account. */
  requesting_party?: number;
}

/** How costs are allocated. */
export type CostAllocation =
  | "mediator-absorbs"
  | "equal-shares"
  | "stated-shares"
  | "requesting-party";

/** Consents and acknowledgements. */
export interface Consent {
  /** The parties made their own inquiries into the platform's risks. The parties confirm they made their own inquiries into the platform's risks and ask the mediator to proceed on it. */
  own_inquiry?: boolean;
  /** A client consents in writing to a platform their lawyers do not recommend. A client gives express written consent to a platform their lawyers do not recommend, accepting the risks explained. Adds the consent statement. */
  express_risk_consent?: boolean;
  /** Law firm giving the advice. The law firm giving the advice, for the consent statement. */
  law_firm?: string;
  /** Client giving consent. Leave empty for the first party. */
  client?: string;
  /** What the firm recommends instead. For the consent statement only, for example Microsoft Teams, hosted on the firm's own account. Empty: no alternative is named. */
  recommended_alternative?: string;
  /** The firm's reasons. The firm's reasons for not recommending the platform, one per entry, for the consent statement only. The shared terms never state them. */
  reasons?: string[];
}

/** What happens when the connection fails. */
export interface TechnicalFailure {
  /** Minutes to wait for someone to rejoin. Minutes everyone waits for someone disconnected to rejoin before the fallback applies. */
  reconnection_minutes?: number;
  /** If someone cannot rejoin in time. What happens if someone cannot rejoin in time. */
  fallback?: Fallback;
  /** Teleconference dial-in number. The number only: an access code is sent like the passcode, never printed in the documents. Leave empty if the mediator gives the number before the session. */
  dial_in?: string;
  /** No charge for an adjournment caused by a technical failure. Whether an adjournment for technical failure carries no cancellation charge. */
  no_cost_penalty?: boolean;
}

/** The fallback when someone cannot rejoin. */
export type Fallback = "teleconference" | "adjournment";

/** How a settlement is signed. */
export interface Settlement {
  /** A settlement may be signed electronically. A settlement may be signed by electronic signature. */
  electronic_signature?: boolean;
  /** A settlement may be signed in counterparts. */
  counterparts?: boolean;
  /** The electronic signature service. For example DocuSign or Adobe Acrobat Sign. Empty: the final text goes round through the secure channel. */
  e_signature_service?: string;
  /** Heads of terms are signed on the day. With handwritten signatures: the parties sign short heads of terms on the day, so that what was agreed is in writing before the originals go round. */
  heads_of_terms?: boolean;
  /** The mediator attests that the settlement resulted from the mediation. You sign the settlement agreement, or a separate statement, to show that it resulted from the mediation: the evidence that the Singapore Convention on Mediation, art. 4(1)(b), asks for when a party relies on the settlement abroad. */
  mediator_attestation?: boolean;
}

/** Personal data created by conducting the mediation by video. */
export interface DataProtection {
  /** Who is responsible for the personal data. Who decides how the personal data collected for the video sessions is used (the controller, where data protection law uses that word): the attendee list, what the identity check shows and any recording you keep. */
  responsible?: DataResponsible;
  /** Privacy notice. Where the privacy notice for the mediation can be read: a web address or the notice's title. Empty: the terms say the notice is given before the first session. */
  privacy_notice?: string;
}

/** Who is responsible for the personal data of the video sessions. */
export type DataResponsible = "mediator" | "institution";

/** `T` with every field present, all the way down: what `defaults()` returns. */
export type Complete<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends (infer U)[]
    ? U extends object ? Complete<U>[] : U[]
    : NonNullable<T[K]> extends object
      ? Complete<NonNullable<T[K]>>
      : T[K];
};

// ---- Results and diagnostics. ---------------------------------------------------------

/**
 * A document's id in its pack: the built-in pack's, or any a custom pack defines
 * (`"minutes"`); `clauses(pack).documents` lists them.
 */
export type DocumentKind = "agreement" | "guide" | "invitation" | "checklist" | "consent" | (string & {});

/** What `generate` returns. */
export interface GenerateResult {
  /** Every document the options call for, in the pack's order. */
  documents: GeneratedDocument[];
  /** Warnings and notes about the options (errors are thrown instead). */
  diagnostics: Diagnostic[];
}

/** One document in every text format. */
export interface GeneratedDocument {
  kind: DocumentKind;
  /** The title, as plain text. */
  title: string;
  /** The canonical text, CommonMark; identical to `caucus generate --format md`. */
  markdown: string;
  /** An HTML fragment, `<article class="caucus-document">`, escaped by construction. */
  html: string;
  /** Plain text. */
  text: string;
}

/** One problem or remark. */
export interface Diagnostic {
  /** A stable, kebab-case code, for example `cost-shares-total`. */
  code: string;
  severity: Severity;
  /** The option path it is about (`parties.1.name`); empty for pack problems. */
  path: string;
  /** What is wrong, in a sentence. */
  message: string;
  /** What to do about it. */
  hint: string;
  /** The dated public fact it rests on. */
  citation?: Citation;
  /** The place in a pack file, for pack problems. */
  location?: Location;
}

/** Errors block assembly; warnings and notes travel with the result. */
export type Severity = "error" | "warning" | "note";

/** The dated, public fact a diagnostic rests on. */
export interface Citation {
  /** The date the fact was true, `YYYY-MM-DD`. */
  as_of: string;
  /** Where it was published. */
  source: string;
}

/** A place in a pack file, 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** What every function throws: an `Error` whose message lists the diagnostics. */
export interface CaucusError extends Error {
  name: "CaucusError";
  diagnostics: Diagnostic[];
}

/**
 * A custom clause pack as its files, paths relative to the pack folder with `/`:
 * `{ "pack.toml": "...", "agreement/recording.md": "..." }`, `[[path, text], ...]` or a Map.
 */
export type PackFiles = Record<string, string> | [string, string][] | Map<string, string>;

/** A `when` condition: readable, and as data. */
export interface Condition {
  /** `recording.policy = "prohibited"`, or `always`. */
  text: string;
  /** Option paths and the values that satisfy them; all must hold. */
  tests: ConditionTest[];
}

/** One option path and the values that satisfy it. */
export interface ConditionTest {
  path: string;
  allowed: (string | boolean)[];
}

/** What `clauses` returns: the pack's documents in order, and every clause. */
export interface PackInfo {
  name: string;
  version: string;
  documents: DocumentInfo[];
  clauses: ClauseInfo[];
}

/** A document of the pack. */
export interface DocumentInfo {
  id: string;
  /** The title template. */
  title: string;
  numbered: boolean;
  /** When the document exists at all. */
  when: Condition;
  /** The document's topics in order. */
  topics: TopicInfo[];
}

/** A topic of a document: exactly one of its clauses is chosen when its condition holds. */
export interface TopicInfo {
  id: string;
  when: Condition;
  /** The ids of the clauses that are its variants. */
  clauses: string[];
}

/** One clause file: a variant of a topic. */
export interface ClauseInfo {
  id: string;
  document: string;
  topic: string;
  /** The title template. */
  title: string;
  when: Condition;
  /** Why the clause exists. */
  rationale: string;
  sources: string[];
  numbered: boolean;
  /** The file it came from, relative to the pack. */
  file: string;
}

// ---- Functions. -------------------------------------------------------------------------
// Each throws a `CaucusError` (an `Error` with `diagnostics`) on any problem, whatever it is
// passed: never a bare TypeError, never a WebAssembly trap.

/**
 * Assembles every document the options call for, in Markdown, HTML and plain text.
 * @param options an object or its JSON text; omitted, `undefined` or `null`: the defaults.
 * @param pack a custom clause pack as files; omitted: the built-in pack.
 * @throws {CaucusError} when the options or the pack have errors (all of them, with paths).
 */
export function generate(options?: Options | string | null, pack?: PackFiles | null): GenerateResult;

/**
 * One document in Markdown, HTML and plain text.
 * @param kind the id of one of the pack's documents; omitted: `agreement`.
 * @throws {CaucusError} also when the pack has no such document (the hint lists the pack's
 *   documents) or these options do not call for it (the hint gives the pack's condition,
 *   such as `consent.express_risk_consent = true`).
 */
export function document(
  options?: Options | string | null,
  kind?: DocumentKind | null,
  pack?: PackFiles | null,
): GeneratedDocument;

/**
 * One document as a Word file.
 * @param kind the id of one of the pack's documents; omitted: `agreement`.
 * @throws {CaucusError} as `document` does, and for the same reasons.
 */
export function docx(
  options?: Options | string | null,
  kind?: DocumentKind | null,
  pack?: PackFiles | null,
): Uint8Array;

/** The JSON Schema (draft 2020-12) of the options. */
export function schema(): Record<string, unknown>;

/** The default options: what `{}` means, with every field present. */
export function defaults(): Complete<Options>;

/** The clause pack: its documents and topics in order, and every clause with its condition, rationale and sources. */
export function clauses(pack?: PackFiles | null): PackInfo;

/**
 * Whether a file belongs to a clause pack, by its path relative to the pack's folder (with
 * `/`): a `.toml` file anywhere, a `.md` file inside a folder, nothing hidden. Read a pack
 * folder with it to pass the files as `pack`.
 */
export function isPackFile(path: string): boolean;

/**
 * Where an option sits, in words, as the drafting app names its field: `parties.1.name` →
 * "Party 2 (Acme Ltd): Full legal name"; `""` → "Options". For a diagnostic's `path`.
 * @param options as for `generate` (omitted: the defaults); they only name the items of
 *   lists, by their `name` (the defaults' "Party B" for what valid options leave out).
 *   Options that cannot be read leave the items named by number.
 */
export function place(path: string, options?: Options | string | null): string;

/**
 * A diagnostic's `message` or `hint` as a sentence for a reader: an ASCII first letter
 * capitalised, a full stop, each option path in backticks named as `place` names it and
 * any other text in backticks (a value) quoted: "Set “Attendance: Observers” to …",
 * "“sometimes” is not one of the choices". `options` as for `place`.
 */
export function sentence(text: string, options?: Options | string | null): string;

/** The version of this package and the engine inside it. */
export function version(): string;
