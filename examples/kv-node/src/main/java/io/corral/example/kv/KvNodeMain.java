package io.corral.example.kv;

import io.corral.agent.moves.MoveWorkerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a reference node until killed:
 * <pre>
 * java -cp … io.corral.example.kv.KvNodeMain --coordinator http://127.0.0.1:4401 --token TOKEN \
 *     --node-id kv-1 --data-dir /tmp/kv-1 [--port 0] [--host 127.0.0.1] [--zone z1] [--workspace default] \
 *     [--poll-interval-ms 200] [--http-threads 16]
 * </pre>
 * Prints {@code KV-NODE-READY <node-id> <url>} on stdout once it serves. Exit code 2 for bad arguments.
 */
public final class KvNodeMain {
    private KvNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !a.containsKey("token") || !a.containsKey("node-id") || !a.containsKey("data-dir")) {
            usage("--token, --node-id and --data-dir are required");
        }
        KvNode.Settings s = new KvNode.Settings(URI.create(a.getOrDefault("coordinator", "http://127.0.0.1:4401")),
                a.get("token"), a.getOrDefault("workspace", "default"), a.get("node-id"), a.get("zone"),
                a.getOrDefault("host", "127.0.0.1"), Integer.parseInt(a.getOrDefault("port", "0")),
                Path.of(a.get("data-dir")), Integer.parseInt(a.getOrDefault("http-threads", "16")),
                MoveWorkerSettings.DEFAULT.withPollIntervalMs(Long.parseLong(a.getOrDefault("poll-interval-ms", "200"))));
        KvNode node = KvNode.start(s);
        System.out.println("KV-NODE-READY " + node.nodeId() + " " + node.url());
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stop.countDown();
        }, "kv-shutdown"));
        stop.await();
    }

    private static void usage(String why) {
        System.err.println("kv-node: " + why);
        System.err.println("usage: KvNodeMain --coordinator URL --token TOKEN --node-id ID --data-dir DIR "
                + "[--port P] [--host H] [--zone Z] [--workspace W] [--poll-interval-ms MS] [--http-threads N]");
        System.exit(2);
    }
}
