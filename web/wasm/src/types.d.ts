
// ---- Options: everything a mediator can choose. -------------------------------------
// Every field is optional: what is left out takes its default, so {} is a complete input.
// Field names and choice values are exactly those of `caucus schema` and of options files.

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
}

/** The case the documents belong to. */
export interface Case {
  /** The case reference, for example `MED-2026-0147`. Empty: no reference is shown. */
  reference?: string;
  /** The date of the mediation session, `YYYY-MM-DD`. Empty: no date is shown. */
  date?: string | null;
  /** The start time of the session, `HH:MM` on a 24-hour clock. */
  time?: string | null;
  /** The time zone the start time is given in, as its IANA name: `Europe/London`. An unknown zone is an error. */
  time_zone?: string;
  /** The longest stretch, in minutes, that a session runs without a break. */
  break_every_minutes?: number;
  /** Spelling and date style of the documents. */
  locale?: Locale;
  /** The law that governs the mediation agreement, as free text. */
  jurisdiction?: string;
}

/** Spelling and date style. */
export type Locale = "en-GB" | "en-CA" | "en-US";

/** The mediator. */
export interface Mediator {
  /** The mediator's full name. Empty: the documents say "the Mediator". */
  name?: string;
  /** The mediator's firm or institution, if any. */
  organisation?: string;
  /** A number on which attendees can reach the mediator if the video fails; printed in the guide. */
  emergency_phone?: string;
}

/** A party to the mediation. */
export interface Party {
  /** The party's full legal name. */
  name?: string;
  /** The party's role in the dispute, for example `Claimant` or `Respondent`. */
  role?: string;
  /** The party's IANA time zone when it differs from `case.time_zone`. Empty: the case's zone. */
  time_zone?: string;
  /** Everyone who attends for this party, or who will be able to hear the session. */
  attendees?: Attendee[];
}

/** A person attending the mediation for a party. */
export interface Attendee {
  /** The attendee's full name. */
  name?: string;
  /** The capacity in which the attendee attends. */
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
  /** Which platform the mediation uses. */
  kind?: PlatformKind;
  /** The platform's name when `kind` is `other`. */
  other_name?: string;
  /** Whose account hosts the meetings. */
  account_holder?: AccountHolder;
  /** How attendees join: the platform's desktop application or a web browser. */
  client?: Client;
  /** The encryption the parties expect the meeting to use. */
  encryption?: Encryption;
  /** Regions where meeting data may be processed, for example `EU`. Empty: no restriction. */
  data_regions?: string[];
  /** Whether a short test session is held before the mediation. */
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
  /** Whether every attendee must be named in advance. */
  disclose_in_advance?: boolean;
  /** How many hours before the session the names must be given. */
  disclosure_deadline_hours?: number;
  /** Whether observers may attend. */
  observers?: Observers;
  /** Whether each attendee must join from a private place where nobody else can hear. */
  private_location?: boolean;
  /** Whether cameras stay on while an attendee is in a session. */
  cameras_on?: boolean;
  /** Whether each attendee confirms their identity on camera at the opening. */
  identity_check?: boolean;
  /** Whether interpreters will attend. */
  interpreters?: boolean;
  /** Whether an attendee may have a support person with them, with everyone's consent. */
  support_persons?: boolean;
  /** Whether an attendee needs live captions or a human captioner (CART). */
  live_captions?: boolean;
}

/** Whether observers may attend. */
export type Observers = "never" | "consent-of-all";

/** Recording of the mediation. */
export interface Recording {
  /** Whether, and what, anyone may record. */
  policy?: RecordingPolicy;
  /** Days after the mediation ends within which an allowed recording is deleted. */
  retention_days?: number;
}

/** Whether, and what, anyone may record. */
export type RecordingPolicy = "prohibited" | "consent-of-all" | "settlement-terms-only";

/** Breakout rooms (private caucuses). */
export interface BreakoutRooms {
  /** Whether breakout rooms are used. */
  enabled?: boolean;
  /** Who may open and close rooms and move people between them. */
  control?: RoomControl;
  /** The co-host's name, if already known. Left empty, the terms say that the mediator names the co-host before the first session. */
  co_host?: string;
  /** Whether the mediator announces themselves on entering a room. */
  announce_entry?: boolean;
  /** Whether the host may broadcast short messages to every room. */
  broadcasts?: boolean;
  /** Whether the platform's private chat may be used. */
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
  /** Days after the mediation within which everyone deletes the documents received. */
  delete_after_days?: number;
  /** Hours within which anyone who suspects a breach of confidentiality tells everyone. */
  breach_notice_hours?: number;
  /** The secure file-sharing service's name. Empty: the mediator names it. */
  file_share_service?: string;
}

/** How documents are exchanged. */
export type DocumentExchange = "secure-file-share" | "encrypted-email";

/** Security practices for the meeting. */
export interface Security {
  /** A meeting ID used for this mediation only. */
  unique_meeting_id?: boolean;
  /** A passcode is required to join. */
  passcode?: boolean;
  /** The passcode is sent by a different channel from the link. */
  passcode_separate?: boolean;
  /** Whether to use the waiting room or lobby to admit attendees. */
  waiting_room?: WaitingRoom;
  /** The host locks the meeting once everyone expected has joined. */
  lock_meeting?: boolean;
  /** Attendees do not join over public or shared networks. */
  no_public_networks?: boolean;
  /** Attendees use the current version of the platform's software. */
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
  /** How the costs are allocated. */
  allocation?: CostAllocation;
  /** With `stated-shares`: each party's percentage, in the order of `parties`; total 100. */
  shares?: number[];
  /** The index in `parties` (from 0) of the party that asked for the platform. */
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
  /** The parties made their own inquiries into the platform's risks and ask to proceed. */
  own_inquiry?: boolean;
  /** A client consents in writing to a platform their lawyers do not recommend. */
  express_risk_consent?: boolean;
  /** The law firm giving the advice, for the consent statement. */
  law_firm?: string;
  /** The client giving consent. Empty: the first party. */
  client?: string;
  /** What the firm recommends instead, for the consent statement only. */
  recommended_alternative?: string;
  /** The firm's reasons, one per entry, for the consent statement only. */
  reasons?: string[];
}

/** What happens when the connection fails. */
export interface TechnicalFailure {
  /** Minutes everyone waits for someone disconnected to rejoin. */
  reconnection_minutes?: number;
  /** What happens if someone cannot rejoin in time. */
  fallback?: Fallback;
  /** The teleconference dial-in number, without any access code. Empty: the mediator gives it before the session. */
  dial_in?: string;
  /** Whether an adjournment for technical failure carries no cancellation charge. */
  no_cost_penalty?: boolean;
}

/** The fallback when someone cannot rejoin. */
export type Fallback = "teleconference" | "adjournment";

/** How a settlement is signed. */
export interface Settlement {
  /** A settlement may be signed by electronic signature. */
  electronic_signature?: boolean;
  /** A settlement may be signed in counterparts. */
  counterparts?: boolean;
  /** The electronic signature service's name. Empty: the text goes round through the secure channel. */
  e_signature_service?: string;
  /** With handwritten signatures: heads of terms are signed on the day. */
  heads_of_terms?: boolean;
  /** The mediator signs the settlement, or a statement, to show that it resulted from mediation. */
  mediator_attestation?: boolean;
}

/** Personal data created by conducting the mediation by video. */
export interface DataProtection {
  /** Who is responsible for (the controller of) the personal data of the video sessions. */
  responsible?: DataResponsible;
  /** Where the privacy notice can be read: a web address or its title. Empty: given before the first session. */
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

/** The documents a pack can produce. A custom pack may define others. */
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
 * One document as a Word file.
 * @param kind which document; omitted: `agreement`. `consent` exists only when
 *   `consent.express_risk_consent` is true.
 * @throws {CaucusError} also when these options produce no document of that kind.
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

/** The version of this package and the engine inside it. */
export function version(): string;
