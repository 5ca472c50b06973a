import type { Drizzle, Executor } from '../../kernel/db/database.js';
import * as store from './store.js';
import { parseTemplate, renderNodes } from './template-syntax.js';
import {
  LOCALES,
  MESSAGE_KINDS,
  kindDefinition,
  type Locale,
  type MessageKindName,
  type TemplateText,
  type VarsOf,
} from './templates.js';

/** What to tell, whatever the channel and language: a kind, its variables, the web path. */
export interface Message {
  kind: MessageKindName;
  /** a path of the web app, e.g. /me/applications/<id> */
  link: string | null;
  /** the variables in a language (dates, lists and words are written per language) */
  variables: (locale: Locale) => Record<string, string>;
}

/** A message of a kind, with the variables that kind provides (checked by the compiler). */
export function message<K extends MessageKindName>(
  kind: K,
  link: string | null,
  variables: (locale: Locale) => VarsOf<K>,
): Message {
  return { kind, link, variables };
}

/** One message for its recipients, from one source event. */
export interface Outgoing {
  message: Message;
  /** account ids; duplicates are told once */
  recipients: readonly string[];
  /**
   * The outbox event it comes from (with a discriminator if one event makes several messages
   * for one account): a channel sends each (recipient, source) once, however often it is asked.
   */
  sourceEventId: string;
  /** the organisation it concerns: its department systems' webhooks that want the kind get it */
  organisationId?: string | undefined;
}

/** An account to tell, with what it asked for (defaults when it never said). */
export interface Recipient {
  accountId: string;
  locale: Locale;
  channels: readonly string[];
  emailSealed: string | null;
  emailMasked: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

/** A message ready for the channels: recipients with their preferences, texts per language. */
export interface Prepared {
  kind: MessageKindName;
  urgent: boolean;
  link: string | null;
  sourceEventId: string;
  organisationId: string | undefined;
  recipients: readonly Recipient[];
  text(locale: Locale): TemplateText;
  variables(locale: Locale): Record<string, string>;
}

/**
 * A way to reach people or systems: the inbox, e-mail, SMS, webhooks. A channel must be
 * idempotent per (recipient, sourceEventId) because events are delivered at least once.
 */
export interface Channel {
  readonly name: string;
  deliver(prepared: Prepared): Promise<void>;
}

type Render = (locale: Locale, vars: Record<string, string>) => TemplateText;

/**
 * The texts of a kind: the province's override of a language where there is one, else the
 * default in code. An override is checked when saved; one that no longer parses (the code
 * changed under it) falls back to the default.
 */
export async function templatesFor(db: Executor, kind: MessageKindName): Promise<Render> {
  const overrides = new Map((await store.templatesOf(db, kind)).map((r) => [r.locale, r]));
  const parsed = new Map(
    LOCALES.map((locale) => {
      const fallback = kindDefinition(kind).templates[locale];
      const own = overrides.get(locale);
      const pick = (source: string | undefined, def: string) => {
        const p = source === undefined ? undefined : parseTemplate(source);
        return p && p.errors.length === 0 ? p : parseTemplate(def);
      };
      return [
        locale,
        { title: pick(own?.title, fallback.title), body: pick(own?.body, fallback.body) },
      ] as const;
    }),
  );
  return (locale, vars) => {
    const t = parsed.get(locale)!;
    // titles are one line whatever the values hold
    return {
      title: renderNodes(t.title.nodes, vars).replace(/\s*\n\s*/g, ' '),
      body: renderNodes(t.body.nodes, vars),
    };
  };
}

/** 站内消息: every account has an inbox, so every message lands here. */
export class InboxChannel implements Channel {
  readonly name = 'inbox';

  constructor(private readonly db: Drizzle) {}

  async deliver(p: Prepared): Promise<void> {
    await store.insertNotifications(
      this.db,
      p.recipients.map((r) => {
        const { title, body } = p.text(r.locale);
        return {
          accountId: r.accountId,
          kind: p.kind,
          title,
          body,
          link: p.link,
          sourceEventId: p.sourceEventId,
          urgent: p.urgent ? 'urgent' : 'normal',
        };
      }),
    );
  }
}

/**
 * Sends a message to its recipients on every channel, in each recipient's language. A channel
 * that fails makes the send fail, so the outbox delivers the event again; the channels that
 * did deliver skip what they made before.
 */
export class Notifier {
  constructor(
    private readonly db: Drizzle,
    private readonly channels: readonly Channel[],
  ) {}

  async send(out: Outgoing): Promise<void> {
    const ids = [...new Set(out.recipients)];
    if (ids.length === 0 && out.organisationId === undefined) return;
    const { kind } = out.message;
    const preferences = new Map(
      (await store.preferencesOf(this.db, ids)).map((p) => [p.accountId, p]),
    );
    const recipients: Recipient[] = ids.map((accountId) => {
      const p = preferences.get(accountId);
      return {
        accountId,
        locale: p?.locale ?? 'zh-CN',
        channels: p?.channels ?? ['inApp'],
        emailSealed: p?.emailSealed ?? null,
        emailMasked: p?.emailMasked ?? null,
        quietStart: p?.quietStart ?? null,
        quietEnd: p?.quietEnd ?? null,
      };
    });
    const render = await templatesFor(this.db, kind);
    const variables = memo((locale: Locale) => out.message.variables(locale));
    const texts = memo((locale: Locale) => render(locale, variables(locale)));
    const prepared: Prepared = {
      kind,
      urgent: MESSAGE_KINDS[kind].urgent,
      link: out.message.link,
      sourceEventId: out.sourceEventId,
      organisationId: out.organisationId,
      recipients,
      text: texts,
      variables,
    };
    for (const channel of this.channels) await channel.deliver(prepared);
  }
}

function memo<T>(f: (locale: Locale) => T): (locale: Locale) => T {
  const cache = new Map<Locale, T>();
  return (locale) => {
    if (!cache.has(locale)) cache.set(locale, f(locale));
    return cache.get(locale)!;
  };
}
