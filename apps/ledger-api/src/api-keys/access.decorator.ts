import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.js';

export const ACCESS = 'ledger:access';

/** Who may call a route: the roles named (admins always may), or `public` readers, anonymous included. */
export type Access = { roles: Role[] } | { public: true } | { open: true } | { metrics: true };

/** A command or restricted read: only these roles (and admins). */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS, { roles } satisfies Access);

/** A read anyone may make while `LEDGER_PUBLIC_READ` is on; exempt detail is still redacted for anonymous callers. */
export const PublicRead = () => SetMetadata(ACCESS, { public: true } satisfies Access);

/** Health: answered to anyone, whatever the configuration, without looking at keys. */
export const Open = () => SetMetadata(ACCESS, { open: true } satisfies Access);

/** Metrics: admin keys, or without a key the addresses in LEDGER_METRICS_FROM (a Prometheus server that scrapes it). */
export const MetricsReaders = () => SetMetadata(ACCESS, { metrics: true } satisfies Access);
