import type { Interaction, InteractionResults, Provider } from 'oidc-provider';
import { ConflictError, NotFoundError } from '../../../kernel/errors.js';

export interface InteractionView {
  uid: string;
  prompt: 'login' | 'consent';
  client: { clientId: string; name: string };
  /** the scopes asked for (consent: the ones not granted yet) */
  scopes: string[];
  claims?: string[];
}

const epochNow = () => Math.floor(Date.now() / 1000);

/**
 * The login and consent steps of an authorization request (interaction). The web app's page
 * `/oidc-login/:uid` drives them through JSON endpoints. oidc-provider's interaction cookie is
 * scoped to that page's path, so the uid in the URL names the interaction here; the browser is
 * still bound to it: the provider only resumes with the `_interaction_resume` cookie of the
 * browser that started the request.
 */
export class OidcInteractions {
  constructor(private readonly provider: Provider) {}

  private async load(uid: string): Promise<Interaction> {
    const interaction = await this.provider.Interaction.find(uid);
    if (!interaction) {
      throw new NotFoundError(
        'interaction-not-found',
        'this sign-in request is unknown or expired; start again from the application',
      );
    }
    // as oidc-provider's own interactionDetails: the SSO session must still be the one it began with
    if (interaction.session?.uid) {
      const session = await this.provider.Session.findByUid(interaction.session.uid);
      if (!session || session.accountId !== interaction.session.accountId) {
        throw new NotFoundError(
          'interaction-not-found',
          'the sign-in session changed; start again',
        );
      }
    }
    return interaction;
  }

  async describe(uid: string): Promise<InteractionView & { reasons: string[] }> {
    const interaction = await this.load(uid);
    const clientId = interaction.params.client_id ?? '';
    const client = await this.provider.Client.find(clientId);
    if (!client) throw new NotFoundError('client-not-found', 'the application is not registered');
    const { name, details, reasons } = interaction.prompt;
    const requested = (interaction.params.scope ?? '').split(' ').filter(Boolean);
    const view: InteractionView & { reasons: string[] } = {
      uid,
      prompt: name === 'login' ? 'login' : 'consent',
      client: { clientId, name: client.clientName ?? clientId },
      scopes: name === 'consent' ? (details.missingOIDCScope ?? requested) : requested,
      reasons,
    };
    if (details.missingOIDCClaims?.length) view.claims = details.missingOIDCClaims;
    return view;
  }

  private async finish(
    interaction: Interaction,
    result: InteractionResults,
    merge = true,
  ): Promise<{ redirectTo: string }> {
    interaction.result = merge ? { ...interaction.lastSubmission, ...result } : result;
    await interaction.save(Math.max(interaction.exp - epochNow(), 1));
    return { redirectTo: interaction.returnTo };
  }

  private expect(interaction: Interaction, prompt: 'login' | 'consent'): void {
    if (interaction.prompt.name !== prompt) {
      throw new ConflictError(
        'interaction-step',
        `this sign-in request is at the ${interaction.prompt.name} step, not ${prompt}`,
      );
    }
  }

  /** Whether the login step insists on fresh credentials (prompt=login, max_age). */
  async needsFreshLogin(uid: string): Promise<boolean> {
    const interaction = await this.load(uid);
    return interaction.prompt.reasons.some((r) => r === 'login_prompt' || r === 'max_age');
  }

  /** The login step done: `accountId` authenticated (with `amr` methods). */
  async login(uid: string, accountId: string, amr: string[]): Promise<{ redirectTo: string }> {
    const interaction = await this.load(uid);
    this.expect(interaction, 'login');
    return this.finish(interaction, {
      login: { accountId, amr, remember: true, ts: epochNow() },
    });
  }

  /** The consent step done: grant what the client asked for. */
  async confirm(uid: string): Promise<{ redirectTo: string }> {
    const interaction = await this.load(uid);
    this.expect(interaction, 'consent');
    const accountId = interaction.session?.accountId;
    const clientId = interaction.params.client_id;
    if (!accountId || !clientId) {
      throw new ConflictError('interaction-step', 'sign in before consenting');
    }
    const grant =
      (interaction.grantId ? await this.provider.Grant.find(interaction.grantId) : undefined) ??
      new this.provider.Grant({ accountId, clientId });
    const { details } = interaction.prompt;
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    return this.finish(interaction, {
      consent: interaction.grantId ? {} : { grantId },
    });
  }

  /** The user declined: the client receives access_denied. */
  async abort(uid: string): Promise<{ redirectTo: string }> {
    const interaction = await this.load(uid);
    return this.finish(
      interaction,
      { error: 'access_denied', error_description: 'the user declined the request' },
      false,
    );
  }
}
