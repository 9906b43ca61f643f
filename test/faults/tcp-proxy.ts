import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy of the test's own between the API and PostgreSQL, to cut the network: `reset`
 * ends every connection at once (as a restarted firewall or load balancer does) and refuses new
 * ones; `drop` lets every packet vanish (as a cable pulled or a partition does) — open
 * connections go silent and new ones are accepted but never answered. `heal` lets traffic
 * through again; connections that were silenced are ended, as a middlebox that lost their state would.
 */
export class TcpProxy {
  private mode: 'through' | 'reset' | 'drop' = 'through';
  private readonly pairs = new Set<[Socket, Socket | null]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    let proxy!: TcpProxy;
    const server = createServer((client) => proxy.accept(client, targetPort, targetHost));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return proxy;
  }

  private accept(client: Socket, targetPort: number, targetHost: string): void {
    client.on('error', () => undefined);
    if (this.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const pair: [Socket, Socket | null] = [client, null];
    this.pairs.add(pair);
    client.on('close', () => {
      pair[1]?.destroy();
      this.pairs.delete(pair);
    });
    if (this.mode === 'drop') return; // accepted, never answered
    const upstream = createConnection({ port: targetPort, host: targetHost });
    pair[1] = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Cuts the network: every connection reset, or every packet dropped. */
  cut(mode: 'reset' | 'drop'): void {
    this.mode = mode;
    for (const [client, upstream] of this.pairs) {
      if (mode === 'reset') {
        client.resetAndDestroy();
        upstream?.destroy();
      } else {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    }
  }

  /** Lets traffic through again; connections silenced meanwhile are ended. */
  heal(): void {
    const silenced = this.mode === 'drop';
    this.mode = 'through';
    if (!silenced) return;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
  }

  async close(): Promise<void> {
    this.cut('reset');
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }
}
