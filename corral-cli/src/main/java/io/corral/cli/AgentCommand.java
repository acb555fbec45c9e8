package io.corral.cli;

import io.corral.agent.AgentApi;
import io.corral.agent.AgentConfig;
import io.corral.agent.NodeAgent;
import io.corral.agent.OshiHostMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral agent}: runs a node agent until interrupted: registers this host with the coordinator,
 * heartbeats real host metrics, and serves the node's own API (health, status, serving switch).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run a node agent: register this host, heartbeat host metrics, serve its status API.")
final class AgentCommand implements Callable<Integer> {

    @Option(names = "--coordinator", defaultValue = "http://127.0.0.1:4401",
            description = "The coordinator's URL (default ${DEFAULT-VALUE}).")
    String coordinator;

    @Option(names = "--token", description = "An operator API key to register with (or CORRAL_TOKEN).")
    String token;

    @Option(names = "--workspace", defaultValue = "default", description = "Workspace to join (default ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Bind address of the agent's API (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4402", description = "Port of the agent's API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--advertise-url", description = "URL this node is reached at (default http://<host or hostname>:<port>).")
    String advertiseUrl;

    @Option(names = "--data-dir", defaultValue = "./corral-agent-data",
            description = "Where the node's identity and token are kept (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--node-id", description = "Node id on first registration (default <hostname>-<random>).")
    String nodeId;

    @Option(names = "--name", description = "Node name (default: the hostname).")
    String name;

    @Option(names = "--role", defaultValue = "worker", description = "Node role (default ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--labels", description = "Labels, e.g. env=prod,team=db.")
    String labels;

    @Option(names = "--zone", description = "Zone.")
    String zone;

    @Option(names = "--region", description = "Region.")
    String region;

    @Option(names = "--retry-after", defaultValue = "30",
            description = "Seconds /api/health tells load balancers to wait in maintenance (default ${DEFAULT-VALUE}).")
    int retryAfterSeconds;

    @Option(names = "--config", description = "A properties file with option values (labels=env=prod, zone=z1, ...).")
    Path config;

    @Override
    public Integer call() throws Exception {
        AgentConfig settings;
        try {
            settings = new AgentConfig(URI.create(coordinator), token, workspace, host, port, advertiseUrl,
                    dataDir.toAbsolutePath().normalize(), nodeId, name, role, parseLabels(labels), zone, region,
                    retryAfterSeconds);
        } catch (IllegalArgumentException e) {
            System.err.println("corral agent: " + e.getMessage());
            return 2;
        }
        if (token == null || token.isBlank()) {
            System.err.println("corral agent: an operator key is needed to register: --token or CORRAL_TOKEN");
            return 2;
        }
        AgentApi api = AgentApi.bind(settings.bindHost(), settings.port());
        String url = advertiseUrl != null ? advertiseUrl
                : "http://" + advertisedHost(settings.bindHost()) + ":" + api.port();
        NodeAgent agent = NodeAgent.start(settings, new OshiHostMetrics(settings.dataDir()), url);
        api.serve(agent);
        System.err.println("Corral agent for node " + agent.nodeId() + " serving on " + url + ", coordinator "
                + settings.coordinatorUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            agent.close();
            stopped.countDown();
        }, "corral-agent-shutdown"));
        stopped.await();
        return 0;
    }

    private static String advertisedHost(String bindHost) {
        if (bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "127.0.0.1";
            }
        }
        return bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("label '" + pair + "' must be key=value");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
