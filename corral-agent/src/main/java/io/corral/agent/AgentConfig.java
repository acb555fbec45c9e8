package io.corral.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a node agent needs to run. Validated on construction (an {@link IllegalArgumentException} names
 * the bad setting).
 *
 * @param coordinatorUrl    the coordinator's base URL, e.g. {@code http://10.0.0.1:4401}
 * @param operatorToken     an API key with the operator role in {@code workspace}, used to register (and to
 *                          register again when the coordinator forgot this node); the node's own token, kept in
 *                          {@code dataDir}, is used for heartbeats
 * @param bindHost          where the agent's own API listens
 * @param port              the agent's API port; 0 picks a free one
 * @param advertisedUrl     the URL the coordinator and operators reach this node at; null derives
 *                          {@code http://<bindHost or hostname>:<port>}
 * @param dataDir           where the node's identity, token and serving mode are kept across restarts
 * @param nodeId            the node id to use on first registration; null derives one from the hostname
 * @param name              the node's name; null uses the hostname
 * @param retryAfterSeconds what {@code /api/health} tells load balancers to wait in maintenance
 */
public record AgentConfig(URI coordinatorUrl, String operatorToken, String workspace, String bindHost, int port,
                          String advertisedUrl, Path dataDir, String nodeId, String name, String role,
                          Map<String, String> labels, String zone, String region, int retryAfterSeconds) {

    public AgentConfig {
        if (coordinatorUrl == null || coordinatorUrl.getHost() == null
                || !(coordinatorUrl.getScheme().equals("http") || coordinatorUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the coordinator URL must be an absolute http(s) URL, got "
                    + coordinatorUrl);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("a data directory is required");
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retry-after must be at least 1 second");
        }
        workspace = workspace == null || workspace.isBlank() ? "default" : workspace;
        bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost;
        role = role == null || role.isBlank() ? "worker" : role;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        String base = coordinatorUrl.toString();
        coordinatorUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
