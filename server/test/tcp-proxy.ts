import net from "node:net";

export type TcpProxy = {
  /** host:port to connect to instead of the target. */
  port: number;
  /** Drops every open connection and refuses new ones, like a database that went away. */
  cut: () => void;
  /** Forwards connections again. */
  restore: () => void;
  close: () => Promise<void>;
};

/**
 * A TCP proxy on 127.0.0.1 in front of `target` that a test can cut and restore: lets a test take "the
 * database" away from one app without touching the shared PostgreSQL server.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    cut: () => {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
