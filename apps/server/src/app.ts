import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kernel } from './kernel/context.js';
import { kernelPlugin } from './kernel/http/kernel-plugin.js';
import { registerWebAndFallback } from './kernel/http/web.js';
import { loggerOptions } from './kernel/logging.js';
import { newId } from './kernel/ids.js';
import { validatorCompiler } from './kernel/http/validation.js';
import { directoryModule } from './modules/directory/index.js';
import { identityModule } from './modules/identity/index.js';
import { oidcModule } from './modules/identity/oidc/index.js';
import { certificatesModule } from './modules/certificates/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { workflowModule } from './modules/workflow/index.js';
import { paymentsModule } from './modules/payments/index.js';
import { applicationsModule } from './modules/applications/index.js';
import { messagingModule } from './modules/messaging/index.js';
import { evaluationModule } from './modules/evaluation/index.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface BuildAppOptions {
  kernel: Kernel;
  /** built web app to serve; undefined serves none */
  webDist?: string | undefined;
  /** false silences the request log (tests) */
  logger?: boolean;
  /** where the log goes instead of stdout (tests that read what was logged) */
  logStream?: NodeJS.WritableStream;
}

/** The composition root: kernel first, then each module, then the web app and the fallback. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { kernel } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            ...loggerOptions(kernel.config.logLevel),
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: kernel.config.bodyLimit,
    trustProxy: false,
    // a caller's request id is kept when it is sane, so one id follows a request across systems
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  await app.register(kernelPlugin, { kernel });
  await app.register(directoryModule);
  await app.register(identityModule);
  await app.register(oidcModule);
  // the workflow before the certificates: they register the issueCertificate action on it
  await app.register(workflowModule);
  await app.register(certificatesModule);
  await app.register(catalogModule);
  // payments before applications: filing, acceptance and the decision make and check fee orders
  await app.register(paymentsModule);
  await app.register(applicationsModule);
  await app.register(messagingModule);
  await app.register(evaluationModule);
  await registerWebAndFallback(app, options.webDist);
  return app;
}
